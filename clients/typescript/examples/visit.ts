// An officer's visit through the typed client, as a mobile app makes it:
// login, the task list, a photo, check-in, a submission with a hazard, and a
// supervisor's review. make test runs it against a test server
// (scripts/clients.sh): JIUXIAO_URL is the server's root.
//
//   npx tsc --strict -p . && JIUXIAO_URL=http://127.0.0.1:8080 node build/examples/visit.js
import { createJiuxiao, idempotencyKey, ifMatch, multipart, ok, type Schemas } from "../src/client.js";

const baseUrl = process.env.JIUXIAO_URL ?? "http://localhost:8080";
const password = process.env.SEED_PASSWORD ?? "jiuxiao-demo";
const grid = process.env.JIUXIAO_GRID ?? "dcf-1-g1";
const station = grid.replace(/-g\d+$/, "");

const step = (what: string) => console.log(`visit: ${what}`);

// Today in the service's time zone, as its dates are.
const today = new Intl.DateTimeFormat("en-CA", { timeZone: process.env.TZ_SERVICE ?? "Asia/Shanghai" }).format(new Date());

// A 1x1 PNG: the server knows a photo by its bytes.
const png = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"),
  (c) => c.charCodeAt(0),
);

async function main() {
  // The officer's phone.
  const officer = createJiuxiao({ baseUrl });
  const me = await officer.login(`off-${grid}`, password);
  step(`logged in as ${me.user.username} (${me.user.role})`);

  // Open work in the officer's grids, most urgent first; one that opens today or earlier.
  const tasks = ok(
    await officer.api.GET("/api/v1/inspections", {
      params: { query: { mine: true, status: ["scheduled", "returned"], limit: 200 } },
    }),
  );
  const task = tasks.items.find((t) => t.opens_on <= today && t.status === "scheduled");
  if (!task) throw new Error(`no scheduled inspection that opens by ${today} among ${tasks.items.length}`);
  step(`${tasks.items.length} tasks; taking ${task.kind} ${task.id} at ${task.venue.name} (opens ${task.opens_on}, due ${task.due_date})`);

  // A photo of what is wrong, uploaded before the submission that cites it.
  const photo = ok(
    await officer.api.POST("/api/v1/photos", {
      params: { header: idempotencyKey() },
      body: { file: new Blob([png], { type: "image/png" }), id: crypto.randomUUID() },
      bodySerializer: multipart,
    }),
  );
  step(`photo ${photo.id} uploaded`);

  // Check in at the venue.
  const started = ok(
    await officer.api.POST("/api/v1/inspections/{id}/start", {
      params: { path: { id: task.id } },
      body: { lat: task.venue.lat, lng: task.venue.lng, accuracy_m: 10 },
    }),
  );
  step(`started: ${started.status}, off_site ${started.off_site}`);

  // Every checklist item of the venue's category; the first fails, with a hazard fixed on the spot.
  const items = ok(
    await officer.api.GET("/api/v1/checklist-items", { params: { query: { category: task.venue.category } } }),
  ).items;
  const [first] = items;
  if (!first) throw new Error(`no checklist for ${task.venue.category}`);
  const checklist: Schemas["SubmitRequest"]["checklist"] = items.map((it) => ({
    item_code: it.code,
    result: it.code === first.code ? "fail" : "pass",
  }));
  const hazard: Schemas["NewHazard"] = {
    id: crypto.randomUUID(),
    code: first.code,
    severity: "general",
    description: `${first.label_zh}: 当场整改`,
    fix_mode: "on_site",
    photo_ids: [photo.id],
  };
  // The same key on a retry (a lost answer on a bad network) records the submission once.
  const key = idempotencyKey();
  const submit = () =>
    officer.api.POST("/api/v1/inspections/{id}/submit", {
      params: { path: { id: task.id }, header: key },
      body: { checklist, hazards: [hazard], notes: "typed client visit" },
    });
  const submitted = ok(await submit());
  step(`submitted: ${submitted.status}, ${submitted.hazard_ids.length} hazard(s)`);

  // The retry, with an access token gone stale meanwhile: the 401 refreshes
  // the session once and sends the same body again, which is replayed.
  const s = officer.session();
  if (!s) throw new Error("no session");
  officer.resume({ ...s, access_token: "expired" });
  const again = await submit();
  if (officer.session()?.access_token === "expired") throw new Error("the session was not refreshed");
  if (again.response.headers.get("Idempotent-Replayed") !== "true") throw new Error(`a retried submission was not replayed (${again.response.status})`);
  step(`the retry refreshed a stale token once and was replayed: ${ok(again).status}`);

  // The station's supervisor reviews it from the queue.
  const sup = createJiuxiao({ baseUrl });
  await sup.login(`sup-${station}`, password);
  let cursor: string | undefined;
  let queued: Schemas["QueueItem"] | undefined;
  let seen = 0;
  do {
    const page = ok(await sup.api.GET("/api/v1/review/queue", { params: { query: { limit: 200, cursor } } }));
    seen += page.items.length;
    queued = page.items.find((q) => q.type === "inspection" && q.id === task.id);
    cursor = page.next_cursor ?? undefined;
  } while (!queued && cursor);
  if (!queued) throw new Error(`the inspection is not in the review queue (${seen} items)`);
  step(`in the review queue of sup-${station}: ${queued.venue_name}, by ${queued.by_name}`);
  const approved = ok(
    await sup.api.POST("/api/v1/inspections/{id}/approve", {
      params: { path: { id: task.id }, header: idempotencyKey() },
      body: { comment: "已核查" },
    }),
  );
  step(`approved: ${approved.status} by ${approved.reviewed_by}`);

  // A change based on what was read: If-Match with the venue's ETag.
  const read = await sup.api.GET("/api/v1/venues/{id}", { params: { path: { id: task.venue_id } } });
  const venue = ok(read);
  const patched = ok(
    await sup.api.PATCH("/api/v1/venues/{id}", {
      params: { path: { id: venue.id }, header: ifMatch(read.response.headers.get("ETag")) },
      body: { contact_phone: "0635-0000000" },
    }),
  );
  step(`venue version ${venue.version} -> ${patched.version} with If-Match`);
  const stale = await sup.api.PATCH("/api/v1/venues/{id}", {
    params: { path: { id: venue.id }, header: ifMatch(venue.version) },
    body: { contact_phone: "0635-0000001" },
  });
  if (stale.response.status !== 412) throw new Error(`a stale If-Match answered ${stale.response.status}, want 412`);
  step("a stale If-Match answered 412");

  await officer.logout();
  await sup.logout();
  console.log("visit: ok");
}

main().catch((err: unknown) => {
  console.error("visit: FAIL", err instanceof Error ? err.message : err);
  process.exit(1);
});
