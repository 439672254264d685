package main

import (
	"context"
	"errors"
	"io"

	"github.com/jiuxiao/jiuxiao/app"
)

func scheduleCmd(ctx context.Context, cfg app.Config, args []string, out io.Writer) error {
	return errors.New("not yet")
}
