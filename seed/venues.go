package seed

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// venueBatch is how many venues one INSERT makes: large enough to be fast,
// small enough to report progress on a province-sized seed.
const venueBatch = 100_000

// venues inserts n venues spread over the grids, set-based in PostgreSQL:
// names from a shop-name prefix and a category's usual suffix, addresses on
// the city's roads, positions in a cell of about 1 km around each grid's
// centre, and levels about 10% red, 30% yellow, 60% green.
func venues(ctx context.Context, tx *gorm.DB, grids []uuid.UUID, n int, out io.Writer) error {
	if n == 0 {
		return nil
	}
	if err := tx.Exec("SELECT setseed(0.2026)").Error; err != nil {
		return err
	}
	start := time.Now()
	levels, starts := levelArgs()
	for from := 1; from <= n; from += venueBatch {
		to := min(from+venueBatch-1, n)
		err := tx.WithContext(ctx).Exec(venueSQL, map[string]any{
			"grids": uuidArray(grids), "from": from, "to": to,
			"categories": arrayLiteral(vocab.Categories.Values()), "words": categoryWords,
			"levels": arrayLiteral(levels), "level_from": arrayLiteral(starts),
		}).Error
		if err != nil {
			return fmt.Errorf("insert venues: %w", err)
		}
		if n > venueBatch {
			fmt.Fprintf(out, "seed: %d of %d venues (%s)\n", to, n, time.Since(start).Round(time.Second))
		}
	}
	err := tx.WithContext(ctx).Exec(`INSERT INTO venue_level_changes (venue_id, from_level, to_level, reason, changed_at)
		SELECT id, NULL, risk_level, 'created', created_at FROM venues`).Error
	if err != nil {
		return fmt.Errorf("record levels: %w", err)
	}
	return nil
}

// categoryWords end a venue's name, by category: 鑫源 + 便利店.
var categoryWords = map[vocab.Category][]string{
	vocab.Shop:          {"便利店", "超市", "五金店", "烟酒店", "服装店"},
	vocab.Restaurant:    {"小吃店", "面馆", "饺子馆", "烧烤", "快餐"},
	vocab.Hotel:         {"宾馆", "旅社", "快捷酒店", "招待所"},
	vocab.Entertainment: {"KTV", "歌舞厅", "棋牌室", "台球厅"},
	vocab.InternetCafe:  {"网吧", "网咖", "电竞馆"},
	vocab.BeautyBath:    {"美发店", "美容院", "浴池", "足疗店"},
	vocab.School:        {"幼儿园", "培训学校", "托管班"},
	vocab.Clinic:        {"诊所", "卫生室", "口腔门诊", "药店"},
	vocab.Workshop:      {"加工厂", "木器厂", "汽修厂", "印刷厂"},
}

// levelFrom is where each level's share of the demo venues starts in
// [0, 1): about 10% red, 30% yellow, 60% green.
var levelFrom = []struct {
	level vocab.RiskLevel
	from  float64
}{{vocab.Red, 0}, {vocab.Yellow, 0.10}, {vocab.Green, 0.40}}

// levelArgs is levelFrom as the two arrays venueSQL takes.
func levelArgs() (levels []vocab.RiskLevel, from []float64) {
	for _, l := range levelFrom {
		levels, from = append(levels, l.level), append(from, l.from)
	}
	return levels, from
}

// venueSQL makes the venues from to to; its arguments are named (GORM reads
// a name up to a space, a comma or a parenthesis, hence CAST rather than ::).
const venueSQL = `
WITH g AS (SELECT CAST(@grids AS uuid[]) AS ids),
cats AS (SELECT CAST(@categories AS text[]) AS c, CAST(@words AS jsonb) AS words),
lv AS (SELECT CAST(@levels AS text[]) AS levels, CAST(@level_from AS float8[]) AS level_from),
s AS (
  SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5
  FROM generate_series(CAST(@from AS int), CAST(@to AS int)) AS i
)
INSERT INTO venues (id, name, category, risk_level, grid_id, address, lat, lng, contact_name, contact_phone, license_no)
SELECT uuid_v7(),
  (ARRAY['鑫源','福满','顺发','兴隆','金鼎','百姓','好运来','聚贤','华联','佳佳','老街','阳光','开心','东升','四季','新世纪','红星','永安','和谐','乐家'])[1 + floor(s.r1 * 20)::int]
    || (cats.words -> cat ->> floor(s.r2 * jsonb_array_length(cats.words -> cat))::int),
  cat,
  lv.levels[width_bucket(s.r3, lv.level_from)],
  g.ids[1 + (s.i % array_length(g.ids, 1))],
  '聊城市' || (ARRAY['东昌路','柳园路','兴华路','花园路','光岳路','建设路','湖南路','卫育路','振兴路','向阳路','昌润路','东关街'])[1 + floor(s.r4 * 12)::int]
    || (1 + floor(s.r5 * 400)::int) || '号',
  36.40 + 0.012 * ((s.i % array_length(g.ids, 1)) / 6) + 0.010 * s.r4,
  115.92 + 0.012 * ((s.i % array_length(g.ids, 1)) % 6) + 0.010 * s.r5,
  (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + floor(s.r2 * 10)::int] || (ARRAY['先生','女士','老板'])[1 + floor(s.r3 * 3)::int],
  '13' || lpad((floor(s.r1 * 1000000000))::bigint::text, 9, '0'),
  NULL
FROM s, g, cats, lv, LATERAL (SELECT cats.c[1 + ((s.i * 7 + floor(s.r1 * 3)::int) % cardinality(cats.c))] AS cat) c
`
