package app_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app"
)

// TestBlobStoreConfig: BLOB_STORE and the S3_* settings are checked when
// the configuration loads, with messages that name the variable.
func TestBlobStoreConfig(t *testing.T) {
	s3 := map[string]string{"BLOB_STORE": "s3", "S3_ENDPOINT": "oss.example.internal:9000", "S3_BUCKET": "photos",
		"S3_ACCESS_KEY": "k", "S3_SECRET_KEY": "s"}
	with := func(kv ...string) map[string]string {
		m := maps.Clone(s3)
		for i := 0; i < len(kv); i += 2 {
			if kv[i+1] == "" {
				delete(m, kv[i])
			} else {
				m[kv[i]] = kv[i+1]
			}
		}
		return m
	}
	cfg, err := app.LoadEnv(map[string]string{})
	if err != nil || cfg.BlobStore != "disk" || !cfg.S3PathStyle || !cfg.S3UseTLS || cfg.S3Presign || cfg.S3Region != "us-east-1" {
		t.Fatalf("defaults: %+v, %v", cfg, err)
	}
	if cfg, err := app.LoadEnv(with("S3_PRESIGN", "true")); err != nil || !cfg.S3Presign {
		t.Fatalf("a full S3 configuration: %v", err)
	}
	for _, tc := range []struct {
		vars map[string]string
		want string
	}{
		{map[string]string{"BLOB_STORE": "nfs"}, "BLOB_STORE"},
		{with("S3_BUCKET", ""), "S3_BUCKET"},
		{with("S3_SECRET_KEY", "", "S3_ACCESS_KEY", ""), "S3_ACCESS_KEY, S3_SECRET_KEY"},
		{with("S3_ENDPOINT", "https://oss.example.internal"), "S3_ENDPOINT"},
		{with("S3_ENDPOINT", "oss.example.internal/photos"), "S3_ENDPOINT"},
		{with("S3_TIMEOUT", "0s"), "S3_TIMEOUT"},
		{with("S3_PRESIGN", "true", "S3_PRESIGN_TTL", "2h"), "S3_PRESIGN_TTL"},
		{with("S3_PRESIGN", "true", "S3_PRESIGN_TTL", "1s"), "S3_PRESIGN_TTL"},
		{map[string]string{"S3_PRESIGN": "true"}, "BLOB_STORE=s3"},
	} {
		if _, err := app.LoadEnv(tc.vars); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want an error naming %s", tc.vars, err, tc.want)
		}
	}
}
