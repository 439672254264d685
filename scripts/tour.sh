#!/usr/bin/env bash
# The README's tour with curl and jq, as a script: an admin's look at the
# venues and the schedule, an officer's visit through submit, and a
# supervisor's review. Every call must answer the status it expects, or the
# script stops there with the answer. make test runs it against a test server
# (scripts/clients.sh); against make run:
#   API=http://localhost:8080/api/v1 scripts/tour.sh
set -euo pipefail
API=${API:-http://localhost:8080/api/v1}
PASSWORD=${SEED_PASSWORD:-jiuxiao-demo}
TODAY=$(TZ=${TZ:-Asia/Shanghai} date +%F) # the service's time zone: its dates are in it
command -v jq >/dev/null || { echo "tour: needs jq (apt-get install jq)" >&2; exit 1; }

# call WANT METHOD PATH [TOKEN [JSON]] prints the JSON answer, or stops unless
# the status is WANT.
call() {
	local want=$1 method=$2 path=$3 token=${4:-} body=${5:-} out status
	local args=(-sS -w '\n%{http_code}' -X "$method" "$API$path")
	[ -n "$token" ] && args+=(-H "Authorization: Bearer $token")
	[ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
	out=$(curl "${args[@]}")
	status=${out##*$'\n'}
	out=${out%$'\n'*}
	if [ "$status" != "$want" ]; then
		printf 'tour: %s %s answered %s, want %s:\n%s\n' "$method" "$path" "$status" "$want" "$out" >&2
		exit 1
	fi
	printf '%s\n' "$out"
}
login() { call 200 POST /auth/login "" "$(jq -nc --arg u "$1" --arg p "$PASSWORD" '{username: $u, password: $p}')" | jq -r .access_token; }
say() { printf '\n\033[1m# %s\033[0m\n' "$*" >&2; }
# owner WANT METHOD PATH [JSON] is call for a venue's owner: the owner cookie
# (OWNER_COOKIE, sent as is: curl keeps a Secure cookie off plain HTTP), and
# X-Requested-With on every request (the owner API's CSRF rule).
JAR=$(mktemp)
trap 'rm -f "$JAR" "$JAR.png"' EXIT
OWNER_COOKIE=""
owner() {
	local want=$1 method=$2 path=$3 body=${4:-} out status
	local args=(-sS -w '\n%{http_code}' -H "Cookie: jx_owner=$OWNER_COOKIE" -H 'X-Requested-With: tour' -X "$method" "$API$path")
	[ -n "$body" ] && args+=(-H 'Content-Type: application/json' -d "$body")
	out=$(curl "${args[@]}")
	status=${out##*$'\n'}
	out=${out%$'\n'*}
	if [ "$status" != "$want" ]; then
		printf 'tour: %s %s answered %s, want %s:\n%s\n' "$method" "$path" "$status" "$want" "$out" >&2
		exit 1
	fi
	printf '%s\n' "$out"
}
# SERVER_LOG is the server's log, where SMS_DRIVER=log writes the one-time code.
SERVER_LOG=${SERVER_LOG:-}

# The tour (the README shows it from here on)
say "An admin: the red venues, two a page (pass next_cursor back as ?cursor= for the next)"
ADMIN=$(login admin)
call 200 GET "/venues?risk_level=red&limit=2" "$ADMIN" | jq '{items: [.items[] | {id, name, category, risk_level}], next_cursor}'

say "Make the routine inspections due now (the seed makes none); safe to repeat"
call 200 POST /schedules/generate "$ADMIN" | jq '{created, skipped, cancelled, escalated}'

say "An officer's task list: open work in their grid, most urgent first"
OFF=$(login off-dcf-1-g1)
TASKS=$(call 200 GET "/inspections?mine=true&limit=200" "$OFF")
jq '.items[:5][] | {id, venue: .venue.name, kind, opens_on, due_date, overdue}' <<<"$TASKS"

say "The first one that can start today: a reinspection opens on its hazard's deadline (opens_on), and starting it earlier answers 409"
TASK=$(jq -c --arg today "$TODAY" '[.items[] | select(.status == "scheduled" and .opens_on <= $today)][0] // empty' <<<"$TASKS")
[ -n "$TASK" ] || { echo "tour: no task opens by $TODAY" >&2; exit 1; }
ID=$(jq -r .id <<<"$TASK")
CATEGORY=$(jq -r .venue.category <<<"$TASK")
jq '{id, venue: .venue.name, category: .venue.category, kind, opens_on}' <<<"$TASK"

say "Check in at the venue (far from it is accepted, but flagged off_site)"
call 200 POST "/inspections/$ID/start" "$OFF" "$(jq -c '{lat: .venue.lat, lng: .venue.lng, accuracy_m: 12}' <<<"$TASK")" |
	jq '{status, started_at, start_distance_m, off_site}'

say "Submit: every checklist item of the venue's category ($CATEGORY) once, the first failed, with a hazard to fix by a deadline"
ITEMS=$(call 200 GET "/checklist-items?category=$CATEGORY" "$OFF")
DEADLINE=$(date -d "$TODAY + 14 days" +%F)
SUBMISSION=$(jq -c --arg hazard "$(cat /proc/sys/kernel/random/uuid)" --arg deadline "$DEADLINE" '.items as $items | {
	checklist: [$items[] | {item_code: .code, result: (if .code == $items[0].code then "fail" else "pass" end)}],
	hazards: [{id: $hazard, code: $items[0].code, severity: "general", description: "\($items[0].label_zh)：限期整改",
		fix_mode: "deadline", deadline: $deadline}],
	notes: "README tour"}' <<<"$ITEMS")
call 200 POST "/inspections/$ID/submit" "$OFF" "$SUBMISSION" | jq '{status, submitted_at, hazard_ids, open_hazards}'

say "The station's supervisor: the review queue, then approve"
SUP=$(login sup-dcf-1)
call 200 GET "/review/queue?limit=200" "$SUP" | jq --arg id "$ID" '.items[] | select(.id == $id) | {type, id, venue_name, by_name, off_site}'
call 200 POST "/inspections/$ID/approve" "$SUP" '{"comment":"已核查"}' | jq '{status, reviewed_by, reviewed_at}'

say "The hazard's reinspection opens on the deadline ($DEADLINE); starting it today answers 409"
RE=$(call 200 GET "/inspections?venue_id=$(jq -r .venue_id <<<"$TASK")&kind=reinspection" "$OFF" | jq -c '.items[0]')
jq '{id, kind, status, opens_on, due_date}' <<<"$RE"
call 409 POST "/inspections/$(jq -r .id <<<"$RE")/start" "$OFF" "$(jq -c '{lat: .venue.lat, lng: .venue.lng}' <<<"$RE")" | jq '{status, detail}'
say "The public side (场所码): a venue's public page, as a phone opens it from the QR code on its door (no account)"
VENUE=$(call 200 GET "/venues/$(jq -r .venue_id <<<"$TASK")" "$SUP")
CODE=$(jq -r .public_code <<<"$VENUE")
curl -sS -o /dev/null -w '%{http_code} %{content_type} %{size_download} bytes\n' "${API%/api/v1}/v/$CODE"

say "A neighbour reports a locked exit there: 202, a tracking code, due within 24 hours (120号令 第十八条)"
REPORT=$(call 202 POST "/public/venues/$CODE/reports" "" '{"kind":"blocked_exit","text":"后门安全出口被锁住了"}')
jq '{status, due_at, tracking_url}' <<<"$REPORT"
call 200 GET "/public/reports/$(jq -r .tracking_code <<<"$REPORT")" | jq '{status, venue_name, received_at, due_at}'

say "It is a complaint inspection at the top of the grid officer's tasks"
call 200 GET "/inspections?mine=true&limit=1" "$OFF" | jq '.items[0] | {kind, venue: .venue.name, due_date}'

say "The venue's owner (场所负责人): the officer invites; the one-time link opens the owner's pages (/o/invite/…)"
VENUE_ID=$(jq -r .venue_id <<<"$TASK")
INVITE=$(call 201 POST "/venues/$VENUE_ID/owner-invites" "$OFF")
jq '{url, phone_hint, expires_at, status}' <<<"$INVITE"
TOKEN=$(jq -r .token <<<"$INVITE")
call 202 POST "/public/owner-invites/$TOKEN/code" | jq '{venue_name, phone_hint, expires_at}'
if [ -z "$SERVER_LOG" ]; then
	say "The code is in the server's log (SMS_DRIVER=log); run the tour with SERVER_LOG=<that log> for the owner's steps"
	echo "tour: ok" >&2
	exit 0
fi
CODE=""
for _ in $(seq 1 40); do
	CODE=$(grep -o '验证码是[0-9]\{6\}' "$SERVER_LOG" | tail -n 1 | grep -o '[0-9]\{6\}' || true)
	[ -n "$CODE" ] && break
	sleep 0.25
done
[ -n "$CODE" ] || { echo "tour: no one-time code in $SERVER_LOG" >&2; exit 1; }
say "The owner confirms the phone with the code from the log: an owner session (an httpOnly cookie) for this venue only"
curl -sS -D "$JAR" -H 'Content-Type: application/json' -d "$(jq -nc --arg c "$CODE" '{code: $c}')" "$API/public/owner-invites/$TOKEN/confirm" |
	jq '{venue_id, phone_hint, expires_at}'
OWNER_COOKIE=$(grep -i '^set-cookie: jx_owner=' "$JAR" | sed 's/^[^=]*=//; s/;.*//')
[ -n "$OWNER_COOKIE" ] || { echo "tour: the confirmation set no owner cookie" >&2; exit 1; }
owner 200 GET /owner/hazards | jq '.items[] | {id, code, status, deadline, reinspection_id}'
HAZARD=$(owner 200 GET /owner/hazards | jq -r '.items[0].id')

say "The owner gives the consent to electronic service (送达地址确认书), then signs for the order electronically"
owner 201 POST /owner/service-consent '{"address": "owner@example.com"}' | jq '{address, recorded_at}'
ORDER=$(owner 200 GET /owner/documents | jq -r '[.items[] | select(.kind == "deadline_order" and .status == "issued")][0].id')
owner 200 POST "/owner/documents/$ORDER/sign" '{"method": "electronic"}' | jq '{kind, number, status, method: .service.method}'

say "The owner's fix (整改回执): a photo and a text; the hazard is rectified by the owner, for the officer to verify"
base64 -d >"$JAR.png" <<<'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='
PHOTO=$(curl -sS -H "Cookie: jx_owner=$OWNER_COOKIE" -H 'X-Requested-With: tour' -F "file=@$JAR.png;type=image/png" "$API/owner/photos" | jq -r .id)
owner 200 POST "/owner/hazards/$HAZARD/fix" "$(jq -nc --arg p "$PHOTO" '{description: "已整改", photo_ids: [$p]}')" |
	jq '{status, rectified_by_owner, rectification: {by_owner: .rectification.by_owner}}'

say "The owner applies for the 复查 early: the reinspection is then due 3 working days after today"
owner 200 POST "/owner/hazards/$HAZARD/reinspection-request" | jq '{status, reinspection_requested_on}'
call 200 GET "/inspections/$(jq -r .id <<<"$RE")" "$OFF" | jq '{kind, opens_on, due_date}'

say "The officer sees the owner's fix waiting (rectified_by=owner) and verifies it"
call 200 GET "/hazards?rectified_by=owner&status=rectified" "$OFF" | jq '[.items[] | {id, status, rectified_by_owner}]'
call 200 POST "/hazards/$HAZARD/verify" "$OFF" '{"accepted": true}' | jq '{status, verified_by}'
echo "tour: ok" >&2
