// Package seed makes a demo city for trying Jiuxiao out and for tests and
// benchmarks: an org tree, one supervisor per station, one officer per grid,
// an admin, and venues of every category and level. It is never run by
// serve; accounts exist only where someone ran `jiuxiao seed`.
package seed

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Options say how much to seed.
type Options struct {
	Venues   int
	IfEmpty  bool
	Password string
	Location *time.Location
	// PublicBaseURL, when set, is where the demo's public pages are: Run
	// prints one venue's (PUBLIC_BASE_URL/v/{public_code}) and one owner
	// invitation's link; empty: neither, and no invitation is made.
	PublicBaseURL string
}

// City is the demo city's code; its districts, stations and grids follow.
const City = "lc"

type district struct {
	code, name string
	stations   []string
	// agency is the district's 机关代字, which its stations' documents carry.
	agency string
}

// The demo city: 聊城市, three districts, two stations each, three grids each.
var districts = []district{
	{"dcf", "东昌府区", []string{"古楼派出所", "柳园派出所"}, "聊东"},
	{"kfq", "经济技术开发区", []string{"蒋官屯派出所", "北城派出所"}, "聊开"},
	{"gxq", "高新技术产业开发区", []string{"韩集派出所", "许营派出所"}, "聊高"},
}

const gridsPerStation = 3

// Account is a demo login.
type Account struct {
	Username string
	Role     vocab.Role
	Unit     string
}

// Run seeds the demo city and prints its logins. With IfEmpty, it does
// nothing (but print the logins) when the database already has users.
func Run(ctx context.Context, db *gorm.DB, opt Options, out io.Writer) error {
	if opt.Venues < 0 {
		return fmt.Errorf("seed: --venues must not be negative")
	}
	var users int64
	if err := db.WithContext(ctx).Table("users").Count(&users).Error; err != nil {
		return fmt.Errorf("seed: count users: %w", err)
	}
	if users > 0 {
		if opt.IfEmpty {
			fmt.Fprintln(out, "seed: the database has users already; nothing seeded")
			return nil
		}
		return fmt.Errorf("seed: the database has users already (use --if-empty to skip quietly)")
	}
	start := time.Now()
	step := func(format string, a ...any) {
		fmt.Fprintf(out, "seed: %s (%s)\n", fmt.Sprintf(format, a...), time.Since(start).Round(time.Millisecond))
	}
	fmt.Fprintf(out, "seed: a demo city with %d venues, in one transaction\n", opt.Venues)
	hash, err := models.HashPassword("SEED_PASSWORD", opt.Password)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	err = db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		grids, err := orgTree(ctx, tx, hash)
		if err != nil {
			return err
		}
		// The stations' public phones, printed on their venues' stickers.
		err = tx.Exec(`UPDATE org_units u SET phone = '0635-81' || lpad((SELECT count(*) FROM org_units o
			WHERE o.kind = 'station' AND o.code <= u.code)::text, 5, '0') WHERE kind = 'station'`).Error
		if err != nil {
			return fmt.Errorf("station phones: %w", err)
		}
		step("org tree of %d grids, %d stations, with their accounts", len(grids), len(grids)/gridsPerStation)
		if err := venues(ctx, tx, grids, opt.Venues, out); err != nil {
			return err
		}
		step("%d venues", opt.Venues)
		if err := reference(ctx, tx); err != nil {
			return err
		}
		step("the national holiday calendars; committing")
		return nil
	})
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	fmt.Fprintf(out, "seed: done in %s\n", time.Since(start).Round(time.Millisecond))
	if opt.PublicBaseURL != "" && opt.Venues > 0 {
		var v struct{ Name, PublicCode string }
		err := db.WithContext(ctx).Raw(`SELECT v.name, v.public_code FROM venues v JOIN org_units g ON g.id = v.grid_id
			WHERE g.code = 'dcf-1-g1' ORDER BY v.id LIMIT 1`).Scan(&v).Error
		if err == nil && v.PublicCode != "" {
			fmt.Fprintf(out, "seed: a venue's public page (场所码), %s: %s/v/%s\n", v.Name, strings.TrimRight(opt.PublicBaseURL, "/"), v.PublicCode)
		}
	}
	return ownerInvite(ctx, db, opt, out)
}

// ownerInvite makes one owner invitation, by the officer of the first grid,
// for its first venue with a mobile number, and prints its link: a newcomer
// opens it, asks for the code and reads it in the server's log (SMS_DRIVER=log).
func ownerInvite(ctx context.Context, db *gorm.DB, opt Options, out io.Writer) error {
	if opt.PublicBaseURL == "" || opt.Venues == 0 {
		return nil
	}
	var v struct {
		ID        uuid.UUID
		Name      string
		OfficerID uuid.UUID
	}
	err := db.WithContext(ctx).Raw(`SELECT v.id, v.name, u.id AS officer_id FROM venues v JOIN org_units g ON g.id = v.grid_id
		JOIN users u ON u.username = 'off-' || g.code
		WHERE v.contact_phone ~ '^1[3-9][0-9]{9}$' ORDER BY g.code, v.name, v.id LIMIT 1`).Scan(&v).Error
	if err != nil || v.ID == uuid.Nil {
		return err
	}
	officer := models.Actor{UserID: v.OfficerID, Role: vocab.Officer}
	inv, err := models.CreateOwnerInvite(ctx, db, officer, v.ID, strings.TrimRight(opt.PublicBaseURL, "/"), time.Now())
	if err != nil {
		return fmt.Errorf("seed: owner invitation: %w", err)
	}
	fmt.Fprintf(out, "seed: an owner invitation for %s (valid 7 days, once; its code goes to the SMS log): %s\n", v.Name, inv.URL)
	return nil
}

// Accounts lists the demo logins Run makes.
func Accounts() []Account {
	out := []Account{{"admin", vocab.Admin, "聊城市"}, {"sup-" + City, vocab.Supervisor, "聊城市"}}
	for _, d := range districts {
		for si, st := range d.stations {
			sc := fmt.Sprintf("%s-%d", d.code, si+1)
			out = append(out, Account{"sup-" + sc, vocab.Supervisor, d.name + st})
			for g := 1; g <= gridsPerStation; g++ {
				out = append(out, Account{fmt.Sprintf("off-%s-g%d", sc, g), vocab.Officer, fmt.Sprintf("%s%s第%d网格", d.name, st, g)})
			}
		}
	}
	return out
}

// orgTree inserts the units and accounts and returns the grid ids in order.
func orgTree(ctx context.Context, tx *gorm.DB, hash string) ([]uuid.UUID, error) {
	unit := func(kind vocab.OrgUnitKind, code, name string, parent *uuid.UUID, path []uuid.UUID) (uuid.UUID, []uuid.UUID, error) {
		id := uuid.Must(uuid.NewV7())
		path = append(append([]uuid.UUID{}, path...), id)
		err := tx.Exec(`INSERT INTO org_units (id, kind, code, name, parent_id, path) VALUES (?, ?, ?, ?, ?, ?::uuid[])`,
			id, kind, code, name, parent, uuidArray(path)).Error
		return id, path, err
	}
	user := func(username, name string, role vocab.Role, unit uuid.UUID) (uuid.UUID, error) {
		id := uuid.Must(uuid.NewV7())
		return id, tx.Exec(`INSERT INTO users (id, username, name, role, org_unit_id, password_hash) VALUES (?, ?, ?, ?, ?, ?)`,
			id, username, name, role, unit, hash).Error
	}
	city, cityPath, err := unit(vocab.City, City, "聊城市", nil, nil)
	if err != nil {
		return nil, err
	}
	if _, err := user("admin", "系统管理员", vocab.Admin, city); err != nil {
		return nil, err
	}
	if _, err := user("sup-"+City, "市局督导", vocab.Supervisor, city); err != nil {
		return nil, err
	}
	var grids []uuid.UUID
	for _, d := range districts {
		did, dpath, err := unit(vocab.District, d.code, d.name, &city, cityPath)
		if err != nil {
			return nil, err
		}
		if err := tx.Exec(`UPDATE org_units SET agency_code = ? WHERE id = ?`, d.agency, did).Error; err != nil {
			return nil, err
		}
		for si, st := range d.stations {
			sc := fmt.Sprintf("%s-%d", d.code, si+1)
			sid, spath, err := unit(vocab.Station, sc, d.name+st, &did, dpath)
			if err != nil {
				return nil, err
			}
			if _, err := user("sup-"+sc, st+"所长", vocab.Supervisor, sid); err != nil {
				return nil, err
			}
			for g := 1; g <= gridsPerStation; g++ {
				gc := fmt.Sprintf("%s-g%d", sc, g)
				gid, _, err := unit(vocab.Grid, gc, fmt.Sprintf("%s第%d网格", st, g), &sid, spath)
				if err != nil {
					return nil, err
				}
				uid, err := user("off-"+gc, fmt.Sprintf("%s网格员%d", st, g), vocab.Officer, sid)
				if err != nil {
					return nil, err
				}
				if err := tx.Exec(`INSERT INTO user_grids (user_id, grid_id) VALUES (?, ?)`, uid, gid).Error; err != nil {
					return nil, err
				}
				grids = append(grids, gid)
			}
		}
	}
	return grids, nil
}

// uuidArray is ids as a PostgreSQL array literal: GORM would expand a
// slice argument into a list.
func uuidArray(ids []uuid.UUID) string { return arrayLiteral(ids) }

// arrayLiteral is xs as a PostgreSQL array literal, for elements that need
// no quoting (ids, numbers, term values).
func arrayLiteral[T any](xs []T) string {
	s := "{"
	for i, x := range xs {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprint(x)
	}
	return s + "}"
}
