package app

import (
	"fmt"
	"os"

	"github.com/jiuxiao/jiuxiao/forms"
)

// fallbackFonts checks FONT_PATH_EXTRA: empty (Debian's fonts-hanazono when
// installed, forms.DebianFallbackFonts), none (no fallback font: characters
// the shipped fonts lack print as their code point), or font files that
// must exist.
func (c *Config) fallbackFonts() error {
	if len(c.FontPathExtra) == 1 && c.FontPathExtra[0] == "none" {
		return nil
	}
	for _, p := range c.FontPathExtra {
		if st, err := os.Stat(p); err != nil || st.IsDir() {
			return fmt.Errorf("configuration: FONT_PATH_EXTRA: %q is not a font file", p)
		}
	}
	return nil
}

// useFonts hands FONT_PATH_EXTRA, when set, to the documents' PDFs.
func (c Config) useFonts() {
	switch {
	case len(c.FontPathExtra) == 0:
	case len(c.FontPathExtra) == 1 && c.FontPathExtra[0] == "none":
		forms.SetFallbackFonts(nil)
	default:
		forms.SetFallbackFonts(c.FontPathExtra)
	}
}
