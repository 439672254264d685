package models

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // DecodeConfig of JPEG headers
	_ "image/png"  // DecodeConfig of PNG headers
	"io"
	"slices"
	"time"

	"github.com/gabriel-vasile/mimetype"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/storage"
	"gorm.io/gorm"
)

// Photo is an uploaded picture: of a hazard found, or of its fix.
type Photo struct {
	ID          uuid.UUID `json:"id" gorm:"type:uuid;primaryKey"`
	SHA256      string    `json:"sha256" gorm:"column:sha256"`
	ContentType string    `json:"content_type"`
	Bytes       int64     `json:"bytes"`
	UploadedBy  uuid.UUID `json:"uploaded_by"`
	// OwnerVenueID: the venue's owner uploaded it (uploaded_by is then null).
	OwnerVenueID *uuid.UUID `json:"-"`
	CreatedAt    time.Time  `json:"created_at"`
	URL          string     `json:"url" gorm:"-"`
}

// maxPixels bounds the size a photo header may claim: a picture that says
// it is larger is a decompression bomb, not a photo of a fire exit.
const maxPixels = 100_000_000

// photoTypes are the accepted types, decided by the bytes, not the name.
var photoTypes = []string{"image/jpeg", "image/png", "image/heic"}

// SniffPhoto decides the type of b from its content: JPEG, PNG or HEIC, and
// for JPEG and PNG a header that decodes to a sane size. Anything else is a
// ValidationError on "file".
func SniffPhoto(b []byte) (string, error) { return SniffPhotoReader(bytes.NewReader(b)) }

// SniffPhotoReader is SniffPhoto of a stream: it reads the first few
// kilobytes and the image header, not the whole photo.
func SniffPhotoReader(r io.ReadSeeker) (string, error) {
	mt, err := mimetype.DetectReader(r)
	if err != nil {
		return "", err
	}
	var ct string
	for _, t := range photoTypes {
		if mt.Is(t) {
			ct = t
		}
	}
	if ct == "" && mt.Is("image/heif") {
		ct = "image/heic"
	}
	if ct == "" {
		return "", Invalid("file", "must be a JPEG, PNG or HEIC photo (this is %s)", mt.String())
	}
	if ct != "image/heic" {
		if _, err := r.Seek(0, io.SeekStart); err != nil {
			return "", err
		}
		cfg, _, err := image.DecodeConfig(r)
		if err != nil {
			return "", Invalid("file", "is not a readable %s", ct)
		}
		if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
			return "", Invalid("file", "claims %d×%d pixels, which is not a photo", cfg.Width, cfg.Height)
		}
	}
	return ct, nil
}

// CreatePhoto stores an upload of size bytes read from src, which is read
// as a stream three times (hashed, sniffed, stored) and never held whole.
// The bytes go to blobs under their hash (the same photo twice is stored
// once); the row records who uploaded it, and is written only once the
// store has the bytes, so that no row ever names bytes the store does not
// have. A retried upload with the same client id
// and bytes returns the first result; the same id with other bytes is a
// conflict.
func CreatePhoto(ctx context.Context, db *gorm.DB, blobs storage.Blobs, actor Actor, id uuid.UUID, src io.ReadSeeker, size int64) (Photo, error) {
	h := sha256.New()
	if n, err := io.Copy(h, src); err != nil {
		return Photo{}, err
	} else if n != size {
		return Photo{}, Invalid("file", "was cut off (%d of %d bytes)", n, size)
	}
	if _, err := src.Seek(0, io.SeekStart); err != nil {
		return Photo{}, err
	}
	ct, err := SniffPhotoReader(src)
	if err != nil {
		return Photo{}, err
	}
	p := Photo{ID: id, SHA256: hex.EncodeToString(h.Sum(nil)), ContentType: ct, Bytes: size, UploadedBy: actor.UserID}
	if p.ID == uuid.Nil {
		p.ID = newID()
	}
	omit := []string{"CreatedAt"}
	if actor.IsOwner() {
		p.OwnerVenueID, omit = &actor.Owner.VenueID, append(omit, "UploadedBy")
	}
	// The bytes are stored before the transaction, so that a slow store
	// (S3_TIMEOUT) never holds a database connection or createOnce's lock;
	// the row is inserted only after they are, so that no row names bytes
	// the store lacks. An id already taken is looked up first, so that a
	// retry stores nothing again and a conflicting id (409) usually stores
	// nothing; when two requests race on a new id, createOnce decides, and
	// the loser's bytes (content-addressed) are at worst an object that no
	// row names.
	var prior Photo
	if db.WithContext(ctx).Take(&prior, "id = ?", p.ID).Error != nil {
		if _, err := src.Seek(0, io.SeekStart); err != nil {
			return Photo{}, err
		}
		if err := blobs.Put(ctx, p.SHA256, src, size); err != nil {
			return Photo{}, err
		}
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) (err error) {
		p, _, err = createOnce(ctx, tx, "photos", "a photo", p.ID,
			func() (Photo, error) {
				var x Photo
				return x, translate(tx.Take(&x, "id = ?", p.ID).Error, "read photo")
			},
			func(x Photo) bool {
				return x.SHA256 == p.SHA256 && x.UploadedBy == actor.UserID && sameID(x.OwnerVenueID, p.OwnerVenueID)
			},
			func() (Photo, error) {
				if err := tx.Omit(omit...).Create(&p).Error; err != nil {
					return p, translate(err, "insert photo")
				}
				if err := tx.Take(&p, "id = ?", p.ID).Error; err != nil {
					return p, translate(err, "read photo")
				}
				return p, audit(ctx, tx, actor, "create", "photo", p.ID, nil, nil, p)
			})
		return err
	})
	if err != nil {
		return Photo{}, err
	}
	p.URL = photoURL(p.ID)
	return p, nil
}

func photoURL(id uuid.UUID) string { return "/api/v1/photos/" + id.String() }

// FindPhoto returns a photo the actor may see: one they uploaded, or one of
// a hazard, a document (its service's signature and photos) or a report in
// their scope (an admin sees all); ErrNotFound otherwise. It does not touch
// the bytes.
func FindPhoto(ctx context.Context, db *gorm.DB, actor Actor, id uuid.UUID) (Photo, error) {
	q := db.WithContext(ctx)
	if actor.IsOwner() {
		// The venue's own uploads, and the photos of its hazards.
		q = q.Where("owner_venue_id = ? OR id IN (SELECT hp.photo_id FROM hazard_photos hp JOIN hazards h ON h.id = hp.hazard_id WHERE h.venue_id = ?)",
			actor.Owner.VenueID, actor.Owner.VenueID)
	} else if !actor.IsAdmin() {
		hazards, hargs := actor.ScopeSQL("h.grid_id")
		docs, dargs := actor.ScopeSQL("d.grid_id")
		reports, rargs := actor.ScopeSQL("r.grid_id")
		q = q.Where(`uploaded_by = ? OR id IN (
			SELECT hp.photo_id FROM hazard_photos hp JOIN hazards h ON h.id = hp.hazard_id WHERE `+hazards+`
			UNION ALL
			SELECT p FROM documents d, unnest(d.service_photo_ids || d.signature_photo_id) p WHERE p IS NOT NULL AND `+docs+`
			UNION ALL
			SELECT unnest(r.photo_ids) FROM reports r WHERE `+reports+`)`,
			slices.Concat([]any{actor.UserID}, hargs, dargs, rargs)...)
	}
	var p Photo
	if err := q.Take(&p, "id = ?", id).Error; err != nil {
		return p, translate(err, "read photo")
	}
	p.URL = photoURL(p.ID)
	return p, nil
}

// GetPhoto is FindPhoto, and opens the photo's bytes; the caller closes
// them. Bytes missing from the store are storage.ErrNotFound (a photo the
// actor may see, whose bytes are gone: 410), not ErrNotFound.
func GetPhoto(ctx context.Context, db *gorm.DB, blobs storage.Blobs, actor Actor, id uuid.UUID) (Photo, storage.Blob, error) {
	p, err := FindPhoto(ctx, db, actor, id)
	if err != nil {
		return p, nil, err
	}
	r, err := blobs.Open(ctx, p.SHA256)
	if errors.Is(err, storage.ErrNotFound) {
		return p, nil, fmt.Errorf("photo %s: its bytes (%s) are missing from the %s store: %w", p.ID, p.SHA256, blobs.Name(), err)
	}
	return p, r, err
}

// checkPhotos makes sure every id names a photo the actor uploaded.
func checkPhotos(ctx context.Context, tx *gorm.DB, actor Actor, field string, ids []uuid.UUID) error {
	if len(ids) == 0 {
		return nil
	}
	var n int64
	q := tx.WithContext(ctx).Model(&Photo{}).Where("id IN ?", ids)
	if actor.IsOwner() {
		q = q.Where("owner_venue_id = ?", actor.Owner.VenueID)
	} else {
		q = q.Where("uploaded_by = ?", actor.UserID)
	}
	err := q.Count(&n).Error
	if err != nil {
		return translate(err, "check photos")
	}
	if int(n) != len(uniqueIDs(ids)) {
		return Invalid(field, "every photo id must be a photo you uploaded (POST /photos first)")
	}
	return nil
}

func uniqueIDs(ids []uuid.UUID) map[uuid.UUID]bool {
	m := make(map[uuid.UUID]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m
}
