// Generated from handlers/openapi.yaml by generate.mjs (openapi-typescript): do not edit.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the process is up
         * @description Answers 200 while the process runs, without looking at the database: for a liveness probe.
         */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Whether the service can serve (the database is reachable, the pool not saturated)
         * @description Answers 200 when a connection of the pool is free within a second and the database
         *     answers a ping on it, and the photo store answers its check (S3: the bucket exists; the
         *     answer is kept for 3 seconds), 503 with a reason otherwise (`database unreachable`,
         *     `database pool saturated`, `blob store unavailable`): for a readiness probe or a load
         *     balancer. With `DATABASE_REPLICA_URL` set the answer also shows the read replica's state;
         *     a replica that is down or behind does not make the service unready (its reads go to the
         *     primary).
         */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Served here only with `METRICS_TOKEN` set (then as `Authorization: Bearer <METRICS_TOKEN>`)
         *     or in development and test; with `METRICS_ADDR` set, on that listener instead. Otherwise
         *     404.
         */
        get: operations["metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This document, as JSON
         * @description The OpenAPI 3 document of every endpoint, kept in `handlers/openapi.yaml` and embedded in the
         *     binary; no login needed.
         */
        get: operations["openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The venue's public code. */
                code: string;
            };
            cookie?: never;
        };
        /**
         * A venue's public page (HTML)
         * @description Phone-first HTML (no JavaScript needed, one inline style, under 50 KB): the venue's name,
         *     category, station and its phone, and the month of its last inspection (its risk level only
         *     with `PUBLIC_SHOW_LEVEL=true`), and a plain multipart form that posts a report to
         *     `POST /api/v1/public/venues/{public_code}/reports`. Nothing about people is shown. It is
         *     revalidated on every visit (`Cache-Control: no-cache`, an `ETag`, `If-None-Match` answers 304),
         *     so a rotated code stops working at once. Each replica keeps the page, once drawn, for
         *     `PUBLIC_PAGE_TTL` (default 1 s; a crowd at one door costs one query a second): a rotation
         *     or a change of the venue through a replica is on its pages at once, and on the other
         *     replicas' within that time. Headers: a CSP that allows no script,
         *     `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`.
         */
        get: operations["publicVenuePage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/r/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description A report's tracking code. */
                code: string;
            };
            cookie?: never;
        };
        /**
         * A report's tracking page (HTML)
         * @description The report's status, its kind, the venue's name, when it was received, its due time, when
         *     it was checked and the outcome. Nothing about people. `Cache-Control: no-store`. `?new=1`
         *     (the redirect after a form post) also shows the tracking code to keep.
         */
        get: operations["publicReportPage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in with a username and a password
         * @description Answers an access token (a JWT, short-lived: see `expires_in`) and a refresh token
         *     (long-lived, single use). Failed attempts are counted per username and client address,
         *     and per client address whatever the username; past either limit (`LOGIN_MAX_FAILURES`,
         *     `LOGIN_MAX_FAILURES_PER_ADDR` in `LOGIN_WINDOW`) the answer is 429 with `Retry-After`,
         *     and so it is when too many password checks are in flight already
         *     (`LOGIN_CONCURRENCY`). A wrong username, a wrong password and an inactive account all
         *     answer 401.
         *     The username is compared in lower case. An `Idempotency-Key` is ignored here: a session
         *     is never stored for replay, so a retry logs in again.
         *
         *     **Cookie mode** (the console): a request with an `X-Requested-With` header gets its
         *     refresh token as the cookie `jx_refresh` (httpOnly, `SameSite=Strict`, `Secure` outside
         *     development, `Path=/api/v1/auth`) instead of in the body, which then has no
         *     `refresh_token`; the access token stays in the body, for the page to keep in memory.
         */
        post: operations["login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for a new session
         * @description Each refresh token works once and is rotated: the answer holds a new access token and a
         *     new refresh token. The same refresh token again within 30 seconds, while the new one is
         *     unused (a retry, or two sent at once), answers that same pair. Presenting a used refresh
         *     token otherwise is taken as theft: every token of its family is revoked (its access
         *     tokens too) and the answer is 401. Unknown, revoked or expired
         *     tokens, and inactive users, answer 401 too. An `Idempotency-Key` is ignored here: a
         *     session is never stored for replay.
         *
         *     **Cookie mode**: with an `X-Requested-With` header and no body, the refresh token is
         *     taken from the cookie `jx_refresh` (see login), and the new one is set in its place; a
         *     refused one is cleared. Without that header the cookie is ignored, so that a request
         *     another site makes cannot use it (the cookie is also `SameSite=Strict`).
         */
        post: operations["refresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End a session, or every session of the caller
         * @description With a refresh token, ends the session it belongs to (its whole family of rotated tokens).
         *     With no body, or no `refresh_token`, ends every session of the caller. The access tokens
         *     of an ended session are refused from the next request on. In cookie mode (an
         *     `X-Requested-With` header) the cookie `jx_refresh` stands for a missing `refresh_token`,
         *     and the answer clears it.
         */
        post: operations["logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller
         * @description The caller: their user, with the role, unit and grids their access is decided by now.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The service's date and time zone
         * @description Today's date in the service's time zone (`TZ`), the zone's name and the time now, which the
         *     console dates its ranges by rather than by the browser's clock.
         */
        get: operations["getClock"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/org-units": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the org units in scope
         * @description Ordered by id. An officer sees the grids assigned to them, a supervisor their org unit and everything under it, an admin every unit.
         */
        get: operations["listOrgUnits"];
        put?: never;
        /**
         * Add an org unit to the tree (admins)
         * @description A city has no parent; a district hangs under a city, a station under a district, a grid
         *     under a station. Codes are unique. With a client-made `id`, sending the same body again
         *     answers the unit as it is (201) and changes nothing; the same id with other fields
         *     answers 409.
         */
        post: operations["createOrgUnit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/org-units/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One org unit
         * @description One org unit in the caller's scope (404 otherwise, as for an unknown id), with its `version`
         *     as the `ETag`.
         */
        get: operations["getOrgUnit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename, recode or move an org unit (admins)
         * @description Fields left out stay as they are. Moving a unit (a new `parent_id`) keeps the kinds in
         *     order and carries its subtree along; officers assigned to a grid that is then no longer
         *     under their own unit lose that assignment (an `unassign_grid` audit row each, and their
         *     sync resets). Its kind cannot change.
         */
        patch: operations["patchOrgUnit"];
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the users in scope
         * @description Ordered by id. An officer sees only themselves, a supervisor the users of their org unit and the units under it, an admin everyone.
         */
        get: operations["listUsers"];
        put?: never;
        /**
         * Add an account (admins)
         * @description Officers belong to a station or a grid, supervisors to a city, a district or a station,
         *     admins anywhere. Usernames are unique. With a client-made `id`, sending the same body
         *     again answers the user as it is (201); the same id with other fields answers 409.
         */
        post: operations["createUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One user
         * @description One user in the caller's scope (an officer sees only themself; 404 otherwise), with its
         *     `version` as the `ETag`.
         */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a user (admins)
         * @description Fields left out stay as they are. Deactivating a user, or changing their password, role
         *     or org unit, ends their sessions at once (their access and refresh tokens stop working).
         *     A user who stops being an officer loses their grids; an officer moved to another unit
         *     loses the grids outside it (an `unassign_grid` audit row each, and their sync resets).
         */
        patch: operations["patchUser"];
        trace?: never;
    };
    "/api/v1/users/{id}/grids": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the grids an officer works in (admins)
         * @description Every id must be a grid under the officer's own org unit; duplicates are ignored. Only
         *     officers are assigned grids. This write takes no version: the last one wins.
         */
        put: operations["putUserGrids"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the venues in scope
         * @description Ordered by id, or, with `near`, by distance from that point (nearest first, each venue
         *     then carrying `distance_m`).
         */
        get: operations["listVenues"];
        put?: never;
        /**
         * Add a venue to a grid in scope
         * @description The venue starts `active` at the given risk level, which is recorded as the first entry
         *     of its history. Its grid must be a grid in the caller's scope (422 on `grid_id` otherwise).
         *     With a client-made `id`, sending the same body again answers the venue as it is (201);
         *     the same id with other fields answers 409.
         */
        post: operations["createVenue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The venues in scope as map points, all in one answer
         * @description The venues that match the same filters as `GET /venues`, as light points for a map (id,
         *     position, level, category, name), ordered by id and streamed as they are read, so that a
         *     city's 75,000 venues come in one answer of a few megabytes (ask for `Accept-Encoding:
         *     gzip` through a proxy that compresses). At most `limit` points (default and maximum
         *     100,000); `truncated` (the last field) tells whether more venues matched. `near` alone
         *     changes nothing here; with `radius_m` it keeps the venues within that distance. If the
         *     database fails once the answer has begun, the JSON is cut short (and the failure logged):
         *     a client must treat an answer that does not parse as a failure.
         *
         *     Ledgers and map points are bounded: each user may have `STREAMS_PER_USER` (2) of each in
         *     flight (429 with `Retry-After` beyond), the service `STREAMS_IN_FLIGHT` (32) in all (503
         *     with `Retry-After` beyond). Rows are read at the database's pace into a temporary file
         *     and sent from it at the client's, so a slow link holds no database connection; when
         *     `STREAM_BUILDS` (half the processors) answers are reading the database already, the answer starts (status
         *     and headers) and its rows wait their turn.
         */
        get: operations["listVenuePoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One venue
         * @description One venue in the caller's scope (404 otherwise, as for an unknown id), with its `version` as
         *     the `ETag`.
         */
        get: operations["getVenue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a venue in scope (not its level)
         * @description Fields left out stay as they are; `license_no: ""` clears the licence number. The risk
         *     level is not changed here: sending `risk_level` answers 422 (file a reclassification
         *     instead). Moving the venue to another grid needs that grid in scope too, and its open
         *     inspections follow it. Closing it (`status: closed`) cancels its routine inspections that
         *     are still scheduled.
         *
         *     A venue's status is a supervisor's or an admin's to change: an officer sending a new
         *     `status` gets 403. An officer may correct `lat`/`lng`, but check-ins go on being measured
         *     against the approved position (`checkin_lat`/`checkin_lng`) until a supervisor or an admin
         *     sends a position, so moving a venue to where one stands does not make a start on site.
         */
        patch: operations["patchVenue"];
        trace?: never;
    };
    "/api/v1/venues/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * Every level a venue has had
         * @description Oldest first, the level it was created with included. The whole history in one answer (it is not paginated).
         */
        get: operations["getVenueHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/reclassifications": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * File a change of a venue's risk level
         * @description Filed by an officer, it is `pending` until a supervisor in scope (or an admin) approves
         *     or rejects it. Filed by a supervisor or an admin, it is `approved` and applied at once:
         *     the venue's level changes, the change enters its history, and its routine inspections
         *     still scheduled under the old interval are cancelled. A venue has at most one pending
         *     reclassification (a second answers 409). With a client-made `id`, sending the same body
         *     again answers the reclassification as it is (201); the same id with other fields answers
         *     409.
         */
        post: operations["fileReclassification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reclassifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the reclassifications of venues in scope
         * @description Ordered by id (ids the server makes grow with time; ids a client makes need not). `?status=pending` is a supervisor's to-do list.
         */
        get: operations["listReclassifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reclassifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One reclassification
         * @description One reclassification of a venue in the caller's scope (404 otherwise), with its `version` as
         *     the `ETag`.
         */
        get: operations["getReclassification"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reclassifications/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending reclassification (supervisors, admins)
         * @description Applies it: the venue's level changes, the change enters its history, and its routine
         *     inspections still scheduled under the old interval are cancelled. Officers, and whoever
         *     filed it, get 403. A reclassification decided already, or whose venue changed level since
         *     it was filed, answers 409. The body is optional.
         */
        post: operations["approveReclassification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reclassifications/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending reclassification (supervisors, admins)
         * @description The venue keeps its level. Officers, and whoever filed it, get 403; one decided already
         *     answers 409. A rejection must say why: a `comment` that is missing or blank answers 422.
         */
        post: operations["rejectReclassification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How often each risk level is inspected
         * @description Everyone may read it. The default is red monthly, yellow quarterly, green half-yearly.
         */
        get: operations["getPolicy"];
        /**
         * Replace the policy (admins)
         * @description Every level whose interval changes has its routine inspections that are still scheduled
         *     under the old interval cancelled; the next generation run makes the new ones. The answer
         *     says how many were cancelled.
         */
        put: operations["putPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar/{year}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The year (2000-2100; others answer 404). */
                year: components["parameters"]["Year"];
            };
            cookie?: never;
        };
        /**
         * One year's public holidays and make-up working days
         * @description Working days are Monday to Friday, except public holidays, plus the weekend days marked
         *     as make-up working days (调休). Everyone may read it. A year outside 2000-2100 answers 404.
         */
        get: operations["getCalendar"];
        /**
         * Replace one year's calendar (admins)
         * @description Every date must be in that year and be named once; a make-up working day must be a
         *     Saturday or a Sunday.
         */
        put: operations["putCalendar"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/schedules/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run schedule generation (admins)
         * @description Makes sure every active venue has a routine inspection for the period of its current
         *     level that contains the as-of date (default: today in `TZ`), skipping venues already
         *     covered, and escalates major hazards still open after their reinspection was due. Running
         *     it twice creates nothing twice; a run in progress elsewhere is waited for. The body is
         *     optional. Only an admin runs it (403 otherwise).
         *
         *     `as_of` may be in the past (a late run for a past period) but at most one period ahead:
         *     on or before the end of the period after today's, for the policy's shortest interval (with
         *     red monthly, the end of next month). Later dates answer 422 on `as_of`, naming the limit,
         *     and nothing is written. Escalation always goes by today, so a run that prepares the next
         *     period escalates nothing early. `jiuxiao schedule generate --as-of` has the same bound.
         */
        post: operations["generateSchedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the inspections in scope
         * @description Ordered by due date (so overdue work comes first), or, with `near`, by the venue's
         *     distance from that point (each inspection then carrying `distance_m`). Without a
         *     `status` filter, cancelled inspections are left out.
         */
        get: operations["listInspections"];
        put?: never;
        /**
         * Start an ad hoc inspection of a venue
         * @description The inspection is `scheduled`, opens and is due today. The venue must be an active venue
         *     in scope (422 on `venue_id` otherwise). With a client-made `id`, sending the same venue
         *     again answers the inspection as it is (201); the same id for another venue answers 409.
         */
        post: operations["createInspection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One inspection
         * @description One inspection in the caller's scope (404 otherwise), with its venue's summary, checklist,
         *     hazard ids and `overdue` worked out for today in `TZ`; its `version` is the `ETag`.
         */
        get: operations["getInspection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspections/{id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Check in at the venue and start the inspection
         * @description Records where the caller is and how far that is from the venue. A start farther than
         *     `CHECKIN_RADIUS_M` (default 300 m) is accepted and flagged `off_site`, because GPS is poor
         *     indoors. The caller becomes the assignee. Starting one's own started inspection again
         *     answers it as it is; one started by someone else, finished, or (a reinspection) not yet
         *     open answers 409.
         */
        post: operations["startInspection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspections/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit the findings of a visit
         * @description All or nothing: the checklist (every item that applies to the venue's category answered
         *     once), the hazards found, and, for a reinspection, what became of the hazards it was made
         *     for. An `on_site` hazard is rectified at once and needs a photo; a `deadline` hazard stays
         *     open and gets a reinspection that opens on the deadline and is due 3 working days after it.
         *     A reinspection's `resolutions` apply separation of duties: a hazard found not fixed is
         *     `open` again; found fixed, its fix is recorded if it was not, and the hazard is `verified`
         *     only when someone else recorded the fix — a fix the reinspecting officer recorded
         *     (before, or in this submission) stays `rectified`, in the review queue for a supervisor.
         *     Only the officer who started the inspection submits it (403 otherwise); a returned one may
         *     be submitted again. Sending the same submission again answers the inspection as it is; a
         *     different one after submitting answers 409.
         *
         *     **Resubmitting a returned inspection applies its corrections.** The hazards recorded by the
         *     first submission come again under their ids, as they should be: a changed code, severity,
         *     description, photos, fix mode or deadline is applied in place (audit action `correct`), the
         *     reinspection follows a new deadline (one left with no hazard is cancelled), an `on_site` fix
         *     is recorded again and a `deadline` hazard is open again. A recorded hazard left out answers
         *     422 on `hazards` (a hazard found stays on the record: it is closed by a verified fix, never
         *     by leaving it out), and one fixed or verified since it was recorded answers 409 on
         *     `hazards.id`; nothing is written then.
         */
        post: operations["submitInspection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspections/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a submitted inspection (supervisors, admins)
         * @description Officers, and whoever did the inspection, get 403. Only a submitted inspection can be
         *     reviewed (409 otherwise). The body is optional.
         */
        post: operations["approveInspection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/inspections/{id}/return": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a submitted inspection back to its officer (supervisors, admins)
         * @description A `comment` saying what is to be corrected is required (422 without one). The officer can
         *     then submit it again. Officers, and whoever did the inspection, get 403. Only a submitted
         *     inspection can be reviewed (409 otherwise).
         */
        post: operations["returnInspection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hazards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the hazards in scope
         * @description Ordered by id. Hazard ids are made by the clients, so this is not the order in which they were found.
         */
        get: operations["listHazards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hazards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One hazard
         * @description One hazard in the caller's scope (404 otherwise), with its photos, its recorded fix and
         *     `overdue` worked out for today; its `version` is the `ETag`.
         */
        get: operations["getHazard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hazards/{id}/rectify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the fix of an open hazard
         * @description The hazard becomes `rectified` and waits for a supervisor (or the reinspection of
         *     another officer) to verify it: nobody verifies a fix they recorded. Photos must be ones the caller uploaded. Sending the same fix again answers the
         *     hazard as it is; another fix of a hazard that is not open answers 409.
         */
        post: operations["rectifyHazard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hazards/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept or reject the fix of a rectified hazard (supervisors, admins)
         * @description Accepted, the hazard is `verified`; rejected, it is `open` again, and a `comment` saying
         *     why is required. Officers, and whoever recorded the fix, get 403. Only a rectified hazard
         *     can be verified (409 otherwise). A rejected fix keeps the hazard's fix mode and deadline:
         *     an officer records a new fix with `POST /hazards/{id}/rectify`. A deadline hazard past its
         *     deadline is `overdue` again; an `on_site` hazard has no deadline, so it stays `open`
         *     (counted among the open hazards and the venue's `open_hazards`) without becoming
         *     overdue.
         */
        post: operations["verifyHazard"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The checklist catalogue
         * @description In catalogue order, all in one answer (it is not paginated).
         */
        get: operations["listChecklistItems"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/vocabulary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every term set, with each value's Chinese and English label
         * @description The values of every enumerated field of the API (the schemas `RiskLevel`, `Category`,
         *     `InspectionStatus`, …, and the document kinds and statuses to come), each with the one
         *     Chinese word the console, the ledgers and the documents use for it, and an English one.
         *     Sets and terms come in a stable order: the order to list them in. No login is needed. The
         *     answer changes only with a new release: it carries an `ETag`, and a request with a
         *     matching `If-None-Match` answers 304 without a body.
         */
        get: operations["getVocabulary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a photo
         * @description A JPEG, PNG or HEIC photo (recognised by its content, not its name), at most
         *     `MAX_PHOTO_MB` megabytes. With a client-made `id`, uploading the same bytes again answers
         *     the photo as it is (201); the same id with other bytes answers 409.
         */
        post: operations["uploadPhoto"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/photos/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * A photo's bytes
         * @description The caller sees the photos they uploaded, the photos of hazards in scope and the
         *     signature and service photos of documents in scope (an admin sees all); any other id
         *     answers 404. Photos never
         *     change, so they may be cached for ever; the ETag is the photo's SHA-256. The bytes are
         *     streamed from storage. `If-None-Match` with the ETag answers 304; one byte range
         *     (`Range: bytes=a-b`, `a-` or `-n`) answers 206, so that a download cut off on a bad link
         *     resumes (several ranges, or an `If-Range` that is not the ETag, get the whole photo).
         *
         *     With `S3_PRESIGN=true` (and `BLOB_STORE=s3`) the answer is instead a 302 to a presigned URL
         *     of the object store, valid for `S3_PRESIGN_TTL` (minutes), given only after the same scope
         *     check (out of scope is 404 and no URL). The store answers that URL, `Range` included;
         *     `If-None-Match` with the ETag is still answered 304 here. A browser's same-origin request
         *     (`Sec-Fetch-Site: same-origin`: the web console, whose CSP allows only its own origin) is
         *     sent the bytes instead.
         */
        get: operations["getPhoto"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed in the caller's scope since a cursor
         * @description Venues, inspections and hazards changed since `since`, with tombstones for inspections
         *     that were cancelled and venues that left the caller's grids. Without `since` (a first
         *     sync: a new phone, or after a reset) it sends every venue in scope, every inspection and
         *     hazard not yet closed whatever its age (inspections to do, in progress, returned or
         *     waiting for review; hazards open or fixed but not yet verified), and the closed ones of the
         *     last 183 days (inspections due since then, hazards found since then): a first sync costs
         *     what the grid holds now, not its years of history. Every later call sends every change
         *     since its cursor, old rows included. Keep the answer's `next_cursor` for the next call; while `has_more` is
         *     true, call again at once. When the caller's scope has changed since the cursor was made,
         *     the answer is empty with `reset: true`: drop the local copy and sync from the start.
         */
        get: operations["syncChanges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/review/queue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What waits for a supervisor's decision (supervisors, admins)
         * @description Submitted inspections and rectified hazards in scope that match the filters, oldest first
         *     (or newest first with `sort=newest`), and how many match in all (`total`).
         */
        get: operations["reviewQueue"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Figures for the caller's scope, or an org unit in it
         * @description Active venues by level and category; inspections due in the range (and how many were
         *     done, done on time, and are overdue); hazards found in the range and where they stand.
         */
        get: operations["statsOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/grids": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The same figures for each grid
         * @description One entry per grid in scope (or under `org_unit_id`), worst first: lowest completion
         *     rate, then most overdue, then by code. All in one answer (it is not paginated).
         */
        get: operations["statsGrids"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stats/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The last 12 months of a unit and of each unit under it
         * @description Month by month, from the first day of the month eleven months ago up to today: inspections
         *     due and done (ad hoc visits left out) and the completion rate, hazards found and, of
         *     those, fixed by now (rectified or verified). For the unit (`org_unit_id`, default the
         *     caller's own) and for each of its children in scope — a city's districts, a district's
         *     stations, a station's grids — from the same per-grid-day counts as the overview.
         */
        get: operations["statsTrends"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/inspections/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many rows the inspection ledger would have now
         * @description The number of rows `GET /exports/inspections.{format}` would send for the same query, and the
         *     title row it would bear: what the console shows before it offers the download ("no rows"
         *     instead of an empty file). Cheap: one count, nothing streamed.
         */
        get: operations["countInspectionLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/inspections.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file format (others answer 404). */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /**
         * The inspection ledger (检查台账)
         * @description Every inspection in scope that matches the filters of `GET /inspections`, by due date,
         *     streamed as it is read. CSV is UTF-8 with a byte-order mark, so that Excel reads the
         *     Chinese right. A format other than `csv` or `xlsx` answers 404.
         *
         *     Ledgers and map points are bounded: each user may have `STREAMS_PER_USER` (2) of each in
         *     flight (429 with `Retry-After` beyond), the service `STREAMS_IN_FLIGHT` (32) in all (503
         *     with `Retry-After` beyond). Rows are read at the database's pace into a temporary file
         *     and sent from it at the client's, so a slow link holds no database connection; when
         *     `STREAM_BUILDS` (half the processors) answers are reading the database already, the answer starts (status
         *     and headers) and its rows wait their turn.
         */
        get: operations["exportInspections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/hazards/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many rows the hazard ledger (隐患台账) would have now
         * @description The number of rows `GET /exports/hazards.{format}` would send for the same query, and the
         *     title row it would bear: what the console shows before it offers the download ("no rows"
         *     instead of an empty file). Cheap: one count, nothing streamed.
         */
        get: operations["countHazardLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/hazards.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The file format (others answer 404). */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /**
         * The hazard ledger (隐患台账)
         * @description Every hazard in scope that matches the filters of `GET /hazards`, streamed as it is read.
         *     CSV is UTF-8 with a byte-order mark. A format other than `csv` or `xlsx` answers 404.
         *
         *     Ledgers and map points are bounded: each user may have `STREAMS_PER_USER` (2) of each in
         *     flight (429 with `Retry-After` beyond), the service `STREAMS_IN_FLIGHT` (32) in all (503
         *     with `Retry-After` beyond). Rows are read at the database's pace into a temporary file
         *     and sent from it at the client's, so a slow link holds no database connection; when
         *     `STREAM_BUILDS` (half the processors) answers are reading the database already, the answer starts (status
         *     and headers) and its rows wait their turn.
         */
        get: operations["exportHazards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit trail
         * @description Every write, with who made it, the request id, and the resource before and after. Admins
         *     see all of it; others see the entries of grids in their scope. Ordered oldest first.
         */
        get: operations["listAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Legal documents (法律文书) in scope
         * @description Oldest first. `mine=true&status=issued` is an officer's list of notices still to serve (the
         *     documents they made); `overdue=true` keeps the unserved ones past `serve_by`, the station's
         *     overdue-to-serve list.
         */
        get: operations["listDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One document
         * @description A legal document in scope, with its number, status, serve-by date and service; out of scope answers 404.
         */
        get: operations["getDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * The document as a PDF (A4)
         * @description A4 portrait pages laid out like the 公通字〔2009〕21号 forms: title, number at the top right,
         *     the listed hazards with the articles they violate, the order and its deadline, the appeal
         *     rights, the issuing station and date, and the receipt block (filled once served). The text
         *     can be searched and copied. A draft is watermarked 草稿, a void document 作废.
         *
         *     An order with an owner invitation (`owner_invite_id`) prints it below the receipt while it
         *     is pending: a QR code of the one-time link, the hinted phone the code goes to, and the last
         *     day it works. Once used, revoked, locked or expired it is no longer printed.
         */
        get: operations["getDocumentPDF"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/service": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the service (送达) of an issued document
         * @description `in_person` needs `received_by` and `signature_photo_id` (the signature drawn on the device,
         *     uploaded with `POST /photos`); `left_at_premises` needs `witness` and at least one of
         *     `photo_ids`; `electronic` needs the venue's recorded consent (409 on `method` otherwise). A
         *     draft, a void or a served document answers 409 on `status`; a served one never changes (the
         *     same service sent again answers it as it is).
         */
        post: operations["serveDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void (作废) a draft or an unserved document (supervisors, admins)
         * @description It keeps its number; a corrected document is issued under a new one. A served one answers 409.
         */
        post: operations["voidDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/reissue": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Void an issued document and issue a copy under a new number (supervisors, admins)
         * @description For a notice that must be printed again under a new number (lost, damaged, wrongly
         *     printed): the document, issued and not served, becomes void with the reason, and a copy
         *     (same kind, venue, hazards and wording) is issued at once, with `replaces_id` naming it
         *     and a new `serve_by` counted from today. The events are `document.voided` and
         *     `document.issued`, with their audit rows. A served document never changes (409); a draft
         *     has no number to replace (409). The same request again (same reason) answers the copy, 200.
         */
        post: operations["reissueDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a draft deadline_order (supervisors, admins)
         * @description At a station with `deadline_order_approval`, a deadline_order waits as a draft; a supervisor
         *     in scope (not its officer) issues it, and it gets its number now.
         */
        post: operations["issueDocument"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/document-templates/{kind}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["schemas"]["DocumentKind"];
            };
            cookie?: never;
        };
        /**
         * The wording of one kind of document
         * @description The authority's heading, the title, the kind word of the number, and the standard sentences with their `{placeholders}`.
         */
        get: operations["getDocumentTemplate"];
        /**
         * Set the wording of one kind of document (admins)
         * @description Placeholders are written `{name}`: `{venue}`, `{address}`, `{person}`, `{license_no}`,
         *     `{station}`, `{city}`, `{officer}`, `{inspected_on}`, `{deadline}`, `{requested_on}`,
         *     `{requested_deadline}`, `{decision}`. An unknown one, or a brace that opens or closes none,
         *     answers 422 naming the field. Documents made afterwards use the new wording; those made
         *     before keep theirs.
         */
        put: operations["putDocumentTemplate"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/hazards/{id}/extensions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for a later deadline (延期整改)
         * @description For an open hazard fixed by a deadline, on or before that deadline (409 on `deadline` after
         *     it), for a later date at most `MAX_DEADLINE_DAYS` from today (422 on `requested_deadline`).
         *     One request at a time per hazard (409 on `hazard_id`). A supervisor decides it within 3
         *     working days (`decide_by`); it shows in the review queue meanwhile.
         */
        post: operations["requestExtension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/extensions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One extension request
         * @description An extension in scope, with its decision and the extension_decision document once decided.
         */
        get: operations["getExtension"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/extensions/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve an extension (supervisors, admins)
         * @description Moves the hazard's deadline and its reinspection (opens on the new deadline, due 3 working
         *     days after) and issues an extension_decision (`document_id`). Whoever asked for it gets 403.
         */
        post: operations["approveExtension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/extensions/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject an extension (supervisors, admins)
         * @description Needs a `comment`; the deadline stays, and an extension_decision (不同意) is issued.
         */
        post: operations["rejectExtension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/service-consent": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a venue's consent to electronic service (送达地址确认书)
         * @description Replaces an earlier consent; the same address again answers the consent as it is.
         */
        post: operations["recordServiceConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/checklist-items/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        get?: never;
        /**
         * Set an item's legal basis and default fix mode (admins)
         * @description The articles the item enforces, which the orders quote for each hazard of it; documents made before keep what they quoted.
         */
        put: operations["putChecklistItem"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/documents/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many rows the document ledger (文书台账) would have now
         * @description The number of rows `GET /exports/documents.{format}` would send for the same query, and the
         *     title row it would bear: what the console shows before it offers the download ("no rows"
         *     instead of an empty file). Cheap: one count, nothing streamed.
         */
        get: operations["countDocumentLedger"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/documents.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `csv` or `xlsx`: the ledger; `zip`: the documents' PDFs in one archive (others answer 404). */
                format: "csv" | "xlsx" | "zip";
            };
            cookie?: never;
        };
        /**
         * The document ledger (文书台账), or the documents' PDFs as one ZIP
         * @description Every document in scope that matches the filters of `GET /documents`: number, kind, status,
         *     venue, issued (when, by whom), serve-by and overdue, served (how, to whom, when, by whom),
         *     the reason of a void, streamed as it is read (laid out as the other ledgers; `from` and `to`
         *     keep the documents made in that period, ledger only). As `zip`, the PDF of each (named by its
         *     number), rendered one at a time while the archive streams, so memory stays flat whatever
         *     their number (a station's month: `org_unit_id` and `kind`).
         */
        get: operations["exportDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/venues/{public_code}/reports": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The venue's public code (场所码). */
                public_code: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report a hazard at a venue (no account)
         * @description A report (举报) from the venue's public page: JSON `{kind, text, reporter_phone}`, or a
         *     multipart form with those fields and at most one photo in `photo` (the photo rules of
         *     `POST /photos`: JPEG, PNG or HEIC by its bytes, at most `MAX_PHOTO_MB`). `text` is 1-2000
         *     characters, kept as text (HTML is shown escaped to staff). `reporter_phone`, optional, is a
         *     mainland mobile number: it is used only to text the outcome, never shown to the public nor
         *     carried in events. The report gets its legal clock (`due_at`: 24 hours for `blocked_exit`
         *     and `fire_facility`, else the end of the third working day after the day of receipt) and a
         *     complaint inspection of the venue's grid, at the top of its officers' task lists.
         *
         *     Rate-limited, counted before the body is checked: `PUBLIC_REPORTS_PER_ADDR` per client
         *     address and `PUBLIC_REPORTS_PER_VENUE` per venue within `PUBLIC_REPORT_WINDOW`; past either,
         *     429 with `Retry-After`. A JSON body is at most 16 KB.
         *
         *     A browser's form post (`Accept: text/html`) is answered 303 to `/r/{tracking_code}?new=1`,
         *     or with the venue page and the problem (422, 429); other clients get JSON.
         */
        post: operations["createPublicReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/reports/{tracking_code}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tracking_code: string;
            };
            cookie?: never;
        };
        /**
         * A report's status by its tracking code (no account)
         * @description Its status, kind, the venue's name, dates and outcome; nothing about people. 404 for an unknown code.
         */
        get: operations["getPublicReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/public-code": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a venue a new public code
         * @description Supervisors in scope and admins (officers 403). The old code stops working at once: its
         *     page and its report form answer 404 (the page on another replica within `PUBLIC_PAGE_TTL`,
         *     1 s by default). Print the new sticker. Audited (`venue.public_code_rotated`).
         */
        post: operations["rotatePublicCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/sticker.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * The venue's door sticker (PDF, A4)
         * @description One A4 page: the venue's name and category, the QR code of `PUBLIC_BASE_URL/v/{public_code}`
         *     with that address printed under it, and the station with its phone.
         */
        get: operations["getVenueSticker"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/stickers.pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The door stickers of a grid's or a station's venues (PDF)
         * @description One page per active venue under the org unit, by grid and name, streamed page after page.
         *     At most 2,000 venues per file (422 above: print the grids one by one).
         */
        get: operations["getStickers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the reports in scope
         * @description By due time, the most pressing first, then id. An officer sees the reporter's phone masked
         *     (139****5678); supervisors and admins see it whole, to call the reporter back.
         */
        get: operations["listReports"];
        put?: never;
        /**
         * Record a report from the hotline or a grid worker
         * @description Supervisors and admins record hotline transfers (`source` hotline, the default, or
         *     grid_worker); an officer's report is a grid worker's tip (网格员上报: `source` grid_worker,
         *     the only one allowed) and reaches only the officer's grids. Give a `venue_id` in scope, or an
         *     `address` with `lat` and `lng`: the report then goes to the grid of the nearest venue in the
         *     caller's scope (nearest by the venues' GiST index, at most 5 km away; 422 otherwise), has no
         *     complaint inspection until it is made a venue (`POST /reports/{id}/venue`), and waits in
         *     the reports list on its clock. `photo_ids` are photos the caller uploaded (`POST /photos`),
         *     at most 5.
         */
        post: operations["createReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One report in scope
         * @description One report of a grid in the caller's scope (404 otherwise), with its clock (`due_at`,
         *     `overdue`), its complaint inspection and, once checked, its outcome; the reporter's phone
         *     masked for officers. Its `version` is the `ETag`.
         */
        get: operations["getReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{id}/venue": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Make the venue a report about an address found
         * @description For a report that names no venue and is not checked: a new venue at the report's address
         *     and position, in the report's grid (officers of that grid and supervisors in scope), linked
         *     to the report, with its complaint inspection due at the report's clock. 409 when the report
         *     names a venue or is checked. Audited (`report.venue_created`, and `venue.created`).
         */
        post: operations["createReportVenue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{id}/link": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tie a report about an address to the known venue there
         * @description For a report that names no venue and is not checked, once the address is found to be a
         *     venue Jiuxiao knows: the report moves to that venue's grid and joins its open complaint
         *     inspection (or makes one), due at the report's own clock. Officers of the report's grid
         *     and supervisors in scope, for a venue in their scope (422 otherwise) that is active (409
         *     otherwise). 409 when the report names a venue or is checked. Audited (`report.venue_linked`).
         */
        post: operations["linkReportVenue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a report about an address after checking it
         * @description For a report that names no venue and is not checked, when the address was checked and no
         *     venue's inspection will: nothing was found there (`no_hazard`), there is no such place
         *     (`not_found`), or it is not fire supervision's business and was referred (`referred`). The
         *     report is checked now (in time or late against `due_at`, as the figures count it), the
         *     reporter is told the reason's outcome on the tracking page and by SMS when a number was
         *     left; the note stays with staff. Officers of the report's grid and supervisors in scope.
         *     A report about a venue is closed by its complaint inspection only (409), as is one checked
         *     already. Audited (`report.closed`).
         */
        post: operations["closeReport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the webhook subscriptions (admins)
         * @description Ordered by id. Secrets are never shown here. The console has no page for them yet; they are managed through this API.
         */
        get: operations["listWebhooks"];
        put?: never;
        /**
         * Subscribe a URL to events (admins)
         * @description Events of the types named, of the grids under `org_unit_id` (every event, also those of
         *     no grid, when it is left out), are POSTed to `url` as JSON, signed as Standard Webhooks
         *     specifies with the `secret` of the answer — shown this once (docs/EVENTS.md). The URL
         *     must be https outside development and test, and may not point to a private, loopback or
         *     link-local address unless `WEBHOOK_ALLOW_HOSTS` names it (checked again at each
         *     connection, after DNS); a bad one answers 422 naming `url`, an unknown type 422 naming
         *     `event_types`.
         */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One webhook subscription (admins)
         * @description The subscription as it is, without its secret (shown only in the answers to a create and a rotation).
         */
        get: operations["getWebhook"];
        put?: never;
        post?: never;
        /**
         * End a webhook subscription (admins)
         * @description Its deliveries, sent or not, are forgotten with it.
         */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        /**
         * Change a webhook subscription (admins)
         * @description Fields left out stay as they are; `org_unit_id: null` widens it to every event. An
         *     inactive subscription gets no new events, and its pending deliveries wait until it is
         *     active again.
         */
        patch: operations["patchWebhook"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give a subscription a new secret (admins)
         * @description The answer shows the new secret. For `overlap_hours` (default 24, at most 168) the old
         *     secret signs as well: `webhook-signature` then carries two `v1,` signatures, so a
         *     receiver can switch secrets without losing an event.
         */
        post: operations["rotateWebhookSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a webhook.test event to this subscription alone (admins)
         * @description The event is queued like any other (also for an inactive subscription); follow its delivery in the answer or in the deliveries list.
         */
        post: operations["testWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * A subscription's deliveries, newest first (admins)
         * @description Each with its status, attempts, and the last answer's code, error and time. Delivered ones are kept 30 days; failed ones until retried.
         */
        get: operations["listDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a failed (or delivered) delivery again (admins)
         * @description It is due at once, with a new 24 hours of retries. A pending one answers 409 (it is being retried).
         */
        post: operations["retryDelivery"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/owner-invites": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * The venue's owner invitations
         * @description Newest first; never the tokens.
         */
        get: operations["listOwnerInvites"];
        put?: never;
        /**
         * Invite the venue's owner
         * @description An officer of the venue's grid, a supervisor above it or an admin. The answer shows the
         *     one-time link (PUBLIC_BASE_URL/o/invite/{token}) and its QR code once; the link works for 7
         *     days, once. The venue needs a mobile number on file (`contact_phone`), where the code goes: else 409.
         */
        post: operations["createOwnerInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner-invites/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Withdraw an unused invitation
         * @description Its link stops working at once. A used one is a conflict: revoke the owner's session instead.
         */
        post: operations["revokeOwnerInvite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/owner-sessions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * The venue's owner sessions
         * @description Newest first.
         */
        get: operations["listOwnerSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner-sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an owner session
         * @description A supervisor or an admin in scope (an officer gets 403). Its cookie is refused at once.
         */
        delete: operations["revokeOwnerSession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/venues/{id}/self-inspections": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * The venue's monthly self-inspections (自查)
         * @description Newest first, filed by the venue's owner.
         */
        get: operations["listVenueSelfInspections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/owner-invites/{token}/code": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation link's token. */
                token: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send the one-time code of an invitation
         * @description No account: the link's token. A six-digit code goes by SMS to the phone on file; it works for
         *     5 minutes, once. A new code at most once a minute (429) and 5 per invitation (409). An
         *     unknown, used, revoked or expired invitation is 404; one locked by 5 wrong codes is 409.
         */
        post: operations["sendOwnerCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/owner-invites/{token}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation link's token. */
                token: string;
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the one-time code, which starts the owner session
         * @description The right code uses the invitation up and sets the owner cookie (`jx_owner`). A wrong one is
         *     422 with the tries left; the fifth locks the invitation (409); an expired code is 409.
         */
        post: operations["confirmOwnerCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/venue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The owner's venue
         * @description The venue (its phone hidden), its consent to electronic service, and whether this month's self-inspection is filed.
         */
        get: operations["ownerHome"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End the owner session
         * @description The session ends and the cookie is cleared.
         */
        post: operations["ownerLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/hazards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The venue's hazards not yet verified
         * @description Open ones and fixed ones waiting for the station, deadlines first.
         */
        get: operations["ownerHazards"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/hazards/{id}/fix": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload the fix (整改回执)
         * @description Photos the owner uploaded (`POST /owner/photos`) and a text: the open hazard becomes `rectified`
         *     with `rectified_by_owner`, for an officer or a supervisor to verify (`POST /hazards/{id}/verify`);
         *     never by the owner.
         */
        post: operations["ownerFix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/hazards/{id}/reinspection-request": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply for the reinspection early (复查申请)
         * @description For a deadline hazard not verified yet whose reinspection is still scheduled: it opens at once
         *     and is due 3 working days after the application (120号令 第二十条), or sooner if it was due
         *     sooner. Applying again answers the hazard as it is.
         */
        post: operations["ownerReinspectionRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/hazards/{id}/extensions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask for more time (延期整改)
         * @description As `POST /hazards/{id}/extensions`, filed by the owner (`filed_by_owner`), for a supervisor to decide.
         */
        post: operations["ownerExtension"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The venue's documents
         * @description Issued and served ones (never drafts or void ones).
         */
        get: operations["ownerDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One of the venue's documents
         * @description An issued or served document of the owner's venue; any other id is 404.
         */
        get: operations["ownerDocument"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/documents/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * One of the venue's documents as a PDF
         * @description As `GET /documents/{id}/pdf`, for an issued or served document of the owner's venue.
         */
        get: operations["ownerDocumentPDF"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/documents/{id}/sign": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign for a document
         * @description Service of an issued document by its receiver, the owner: `in_person` with the owner's name and
         *     an image of the signature drawn on the phone (`POST /owner/photos`), or `electronic` once the
         *     venue consented (`POST /owner/service-consent`; else 409).
         */
        post: operations["ownerSign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/service-consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give the consent to electronic service (送达地址确认书)
         * @description The address (a phone number or an e-mail) where electronic service goes.
         */
        post: operations["ownerServiceConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/checklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The checklist of the venue's category
         * @description What the monthly self-inspection answers.
         */
        get: operations["ownerChecklist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/self-inspections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The venue's self-inspections
         * @description The venue's self-inspections, newest first.
         */
        get: operations["ownerSelfInspections"];
        put?: never;
        /**
         * File this month's self-inspection (自查)
         * @description Every item of the category's checklist answered pass, fail or na. One per venue per month
         *     (another is 409; the same id and body again answers it). Failed items show on the grid
         *     officer's next task for the venue (`self_inspection` of the inspection) and in the venue's page.
         */
        post: operations["fileSelfInspection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/photos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a photo as the owner
         * @description The rules of `POST /photos`: a fix's photos, a signature's image.
         */
        post: operations["ownerUploadPhoto"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/owner/photos/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        /**
         * A photo of the venue
         * @description The owner's uploads and the photos of the venue's hazards.
         */
        get: operations["ownerGetPhoto"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        LedgerCount: {
            /**
             * Format: int64
             * @description The rows the ledger would have (0 for an empty one).
             */
            count: number;
            /** @description Its title row, e.g. "聊城市东昌府区古楼派出所 消防监督检查台账 2026-11-01 至 2026-11-30". */
            title: string;
        };
        /**
         * @description An event type (docs/EVENTS.md has each with an example).
         * @enum {string}
         */
        EventType: "inspection.created" | "inspection.started" | "inspection.submitted" | "inspection.approved" | "inspection.returned" | "inspection.cancelled" | "hazard.found" | "hazard.rectified" | "hazard.verified" | "hazard.reopened" | "hazard.reinspected" | "hazard.corrected" | "hazard.overdue" | "reclassification.filed" | "reclassification.decided" | "schedule.generated" | "document.issued" | "document.served" | "document.voided" | "report.received" | "report.overdue" | "report.closed" | "extension.requested" | "extension.decided" | "venue.created" | "venue.updated" | "venue.reclassified" | "org_unit.created" | "org_unit.updated" | "user.created" | "user.updated" | "user.grids_changed" | "photo.uploaded" | "policy.updated" | "calendar.updated" | "webhook.created" | "webhook.updated" | "webhook.deleted" | "webhook.secret_rotated" | "document.drafted" | "hazard.extended" | "service_consent.recorded" | "document_template.updated" | "checklist_item.updated" | "venue.public_code_rotated" | "report.venue_created" | "report.venue_linked" | "owner_invite.created" | "owner_invite.revoked" | "owner_session.created" | "owner_session.revoked" | "hazard.reinspection_requested" | "self_inspection.filed";
        CreateWebhookRequest: {
            /** @description Where events are POSTed; https outside development and test. */
            url: string;
            event_types: components["schemas"]["EventType"][];
            /**
             * Format: uuid
             * @description Only events of the grids under this unit; left out or null, every event.
             */
            org_unit_id?: string | null;
            /** @default true */
            active: boolean;
        };
        PatchWebhookRequest: {
            url?: string;
            event_types?: components["schemas"]["EventType"][];
            /** Format: uuid */
            org_unit_id?: string | null;
            active?: boolean;
            version?: number;
        };
        RotateSecretRequest: {
            /** @default 24 */
            overlap_hours: number;
        };
        Webhook: {
            /** Format: uuid */
            id: string;
            url: string;
            event_types: components["schemas"]["EventType"][];
            /** Format: uuid */
            org_unit_id: string | null;
            active: boolean;
            /**
             * Format: date-time
             * @description Until when the secret before the last rotation signs too.
             */
            previous_secret_until: string | null;
            version: number;
            /** Format: uuid */
            created_by: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description A subscription with its signing secret, in the answers to a create and a rotation only. */
        WebhookWithSecret: {
            /** Format: uuid */
            id: string;
            url: string;
            event_types: components["schemas"]["EventType"][];
            /** Format: uuid */
            org_unit_id: string | null;
            active: boolean;
            /**
             * Format: date-time
             * @description Until when the secret before the last rotation signs too.
             */
            previous_secret_until: string | null;
            version: number;
            /** Format: uuid */
            created_by: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description The signing secret (whsec_ and the key in base64), shown in this answer only. */
            secret: string;
        };
        WebhookList: {
            items: components["schemas"]["Webhook"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        /** @enum {string} */
        DeliveryStatus: "pending" | "delivered" | "failed";
        Delivery: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "webhook" | "sms";
            /** Format: uuid */
            webhook_id: string | null;
            /**
             * Format: uuid
             * @description The event; it is also the `webhook-id` header of every attempt.
             */
            event_id: string | null;
            event_type: string | null;
            status: components["schemas"]["DeliveryStatus"];
            attempts: number;
            /** @description The HTTP status of the last answer; null when none came (refused, timed out, cut off). */
            last_status: number | null;
            /** @description Why the last attempt failed; empty when it did not. */
            last_error: string;
            /** Format: date-time */
            last_attempt_at: string | null;
            /**
             * Format: date-time
             * @description When a pending delivery is tried next (null unless pending).
             */
            next_attempt_at: string | null;
            /** Format: date-time */
            delivered_at: string | null;
            /** Format: date-time */
            created_at: string;
        };
        DeliveryList: {
            items: components["schemas"]["Delivery"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        /** @description An RFC 9457 problem details document. */
        Problem: {
            /** @description A URI reference naming the kind of problem, e.g. `/problems/validation`, or `about:blank`. */
            type: string;
            /** @description A short summary of the kind of problem. */
            title: string;
            /** @description The HTTP status. */
            status: number;
            /** @description What went wrong this time, in plain words. */
            detail?: string;
            /** @description The offending fields, when the problem is about fields. */
            errors?: components["schemas"]["FieldError"][];
        };
        FieldError: {
            /** @description The field's JSON name, with a path for nested fields (e.g. `hazards[0].deadline`), a query parameter, or a header. */
            field: string;
            /** @description What is wrong with it. */
            message: string;
        };
        Health: {
            /** @enum {string} */
            status: "ok" | "ready" | "database unreachable" | "database pool saturated" | "blob store unavailable";
            /**
             * @description In a 200 of /readyz, the photo store in use (`BLOB_STORE`).
             * @enum {string}
             */
            blobs?: "disk" | "s3";
            /** @description The read replica (only with `DATABASE_REPLICA_URL`). */
            replica?: {
                /** @description Whether the heavy reads (ledgers, figures, map points, the audit trail) go to it now. */
                usable: boolean;
                /** @description `streaming`, `behind by more than …`, `unreachable: …` or `not in recovery (…)`; free text. */
                state: string;
                /** @description How far it is behind the primary, measured on WAL positions; -1 when unknown. */
                lag_seconds: number;
            };
        };
        /**
         * @description A level of the org tree, from the root down.
         * @enum {string}
         */
        OrgUnitKind: "city" | "district" | "station" | "grid";
        /** @enum {string} */
        Role: "officer" | "supervisor" | "admin";
        /**
         * @description Who made a change of the audit trail, a user or a venue's owner.
         * @enum {string}
         */
        ActorKind: "user" | "owner";
        /**
         * @description The nine kinds of small venue (九小场所).
         * @enum {string}
         */
        Category: "shop" | "restaurant" | "hotel" | "entertainment" | "internet_cafe" | "beauty_bath" | "school" | "clinic" | "workshop";
        /**
         * @description Red, yellow or green (红黄绿分级分类管理).
         * @enum {string}
         */
        RiskLevel: "red" | "yellow" | "green";
        /** @enum {string} */
        VenueStatus: "active" | "closed";
        /** @enum {string} */
        Interval: "monthly" | "quarterly" | "half_yearly" | "yearly" | "biennial" | "triennial";
        /** @enum {string} */
        ReclassificationStatus: "pending" | "approved" | "rejected";
        /** @enum {string} */
        InspectionKind: "routine" | "reinspection" | "ad_hoc" | "complaint";
        /**
         * @description What a report is about. `blocked_exit` and `fire_facility` are checked within 24 hours; the others within 3 working days.
         * @enum {string}
         */
        ReportKind: "blocked_exit" | "fire_facility" | "wiring" | "flammables" | "living_in" | "other";
        /** @enum {string} */
        ReportStatus: "received" | "checked";
        /** @enum {string} */
        ReportSource: "public" | "hotline" | "grid_worker";
        /** @enum {string} */
        InspectionStatus: "scheduled" | "in_progress" | "submitted" | "approved" | "returned" | "cancelled";
        /**
         * @description An answer to a checklist item.
         * @enum {string}
         */
        CheckResult: "pass" | "fail" | "na";
        /** @enum {string} */
        HazardStatus: "open" | "rectified" | "verified";
        /** @enum {string} */
        Severity: "general" | "major";
        /**
         * @description on_site (fixed during the visit, with a photo) or deadline (fixed by a date).
         * @enum {string}
         */
        FixMode: "on_site" | "deadline";
        /**
         * @description What a hazard's photo shows (the lists `photo_ids` and `rectification.photo_ids`).
         * @enum {string}
         */
        PhotoRole: "finding" | "rectification";
        /**
         * @description A calendar entry (the lists `holidays` and `workdays`).
         * @enum {string}
         */
        DayKind: "holiday" | "workday";
        /**
         * @description A legal document (法律文书) an inspection ends in.
         * @enum {string}
         */
        DocumentKind: "inspection_record" | "immediate_order" | "deadline_order" | "reinspection_opinion" | "extension_decision";
        /**
         * @description Where a legal document stands; `overdue` is derived (unserved past `serve_by`).
         * @enum {string}
         */
        DocumentStatus: "draft" | "issued" | "served" | "void";
        /**
         * @description How a document was served (送达).
         * @enum {string}
         */
        ServiceMethod: "in_person" | "left_at_premises" | "electronic";
        /**
         * @description Where a request to extend a fix-by deadline (延期整改) stands.
         * @enum {string}
         */
        ExtensionStatus: "pending" | "approved" | "rejected";
        Vocabulary: {
            sets: components["schemas"]["VocabularySet"][];
        };
        VocabularySet: {
            /**
             * @description The set, as the schema of its values is named but in snake_case (`risk_level`).
             * @example risk_level
             */
            name: string;
            /**
             * @description What the set is called, in Chinese.
             * @example 风险等级
             */
            zh: string;
            /**
             * @description What the set is called, in English.
             * @example Risk level
             */
            en: string;
            terms: components["schemas"]["VocabularyTerm"][];
        };
        VocabularyTerm: {
            /**
             * @description The value as the API sends and takes it.
             * @example red
             */
            value: string;
            /** @example 红色 */
            zh: string;
            /** @example Red */
            en: string;
            /**
             * @description Present and true on the statuses of work still to be done (an inspection scheduled, in
             *     progress or returned: one of them due before today is overdue); clients take that
             *     list from here rather than spelling it.
             * @example true
             */
            open?: boolean;
        };
        LoginRequest: {
            username: string;
            password: string;
        };
        RefreshRequest: {
            refresh_token: string;
        };
        LogoutRequest: {
            /** @description The refresh token of the session to end; left out or empty, every session of the caller ends. */
            refresh_token?: string;
        };
        Clock: {
            /**
             * Format: date
             * @description Today in the service's time zone.
             */
            today: string;
            /** @description The service's time zone (an IANA name such as `Asia/Shanghai`). */
            tz: string;
            /** Format: date-time */
            now: string;
        };
        Session: {
            /** @description A JWT to send as `Authorization: Bearer <token>`. */
            access_token: string;
            /** @description A single-use token for `POST /auth/refresh`; left out in cookie mode, where it is the cookie `jx_refresh`. */
            refresh_token?: string;
            /** @enum {string} */
            token_type: "Bearer";
            /** @description Seconds until the access token expires (`ACCESS_TOKEN_TTL`). */
            expires_in: number;
            user: components["schemas"]["User"];
        };
        OrgUnit: {
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["OrgUnitKind"];
            /** @description Unique; 1-64 letters, digits, `-` or `_`, starting with a letter or a digit. */
            code: string;
            name: string;
            /**
             * Format: uuid
             * @description The parent unit; null for a city.
             */
            parent_id: string | null;
            /** @description The unit's own 机关代字 (聊东), which heads its stations' document numbers; null to inherit the nearest ancestor's. */
            agency_code?: string | null;
            /** @description (stations) a deadline_order waits, as a draft, for a supervisor to issue it. */
            deadline_order_approval?: boolean;
            /** @description The unit's public phone; a station's is printed on its venues' stickers and shown on their public pages. */
            phone?: string;
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        OrgUnitList: {
            items: components["schemas"]["OrgUnit"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        CreateOrgUnitRequest: {
            /**
             * Format: uuid
             * @description A client-made id, so that the request can be retried safely.
             */
            id?: string;
            kind: components["schemas"]["OrgUnitKind"];
            /** @description The unit's 机关代字, if it has its own. */
            agency_code?: string;
            code: string;
            name: string;
            /**
             * Format: uuid
             * @description Required unless `kind` is city (which has no parent).
             */
            parent_id?: string | null;
        };
        PatchOrgUnitRequest: {
            code?: string;
            name?: string;
            /**
             * Format: uuid
             * @description Move the unit under this one (of the kind above its own).
             */
            parent_id?: string;
            /** @description The unit's 机关代字; an empty string clears it (the unit inherits one again). */
            agency_code?: string;
            /** @description (stations only) a deadline_order waits for a supervisor before it is issued. */
            deadline_order_approval?: boolean;
            /** @description The unit's public phone (a station's is on its stickers and public pages). */
            phone?: string;
            /** @description The version the change is based on (or send `If-Match`; only its `*` means any version). */
            version?: number;
        };
        Report: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The venue; null for a report about an address that is not a known venue.
             */
            venue_id: string | null;
            venue_name: string | null;
            /**
             * Format: uuid
             * @description The grid that checks it (the venue's, or the nearest venue's).
             */
            grid_id: string;
            address: string;
            lat: number | null;
            lng: number | null;
            kind: components["schemas"]["ReportKind"];
            /** @description As the reporter wrote it; show it as text, never as HTML. */
            text: string;
            /** @description Read with `GET /photos/{id}` (staff in scope). */
            photo_ids: string[];
            /** @description Empty when none was left; masked (139****5678) for officers. */
            reporter_phone: string;
            source: components["schemas"]["ReportSource"];
            status: components["schemas"]["ReportStatus"];
            /** Format: date-time */
            received_at: string;
            /**
             * Format: date-time
             * @description The legal clock (120号令 第十八条) — 24 hours after receipt for urgent kinds, else 24:00 of the third working day after the day of receipt, in the service's zone.
             */
            due_at: string;
            /** @description On the 24-hour clock. */
            urgent: boolean;
            /** @description Not checked and past `due_at`. */
            overdue: boolean;
            /** Format: date-time */
            checked_at: string | null;
            /** @description (checked reports) checked by `due_at`. */
            checked_in_time: boolean | null;
            /** @description What the complaint inspection found, as the reporter is told it. */
            outcome: string;
            /**
             * Format: uuid
             * @description The complaint inspection that checks it.
             */
            inspection_id: string | null;
            /** @description Why a report about an address was closed by hand (`POST /reports/{id}/close`); null otherwise. */
            close_reason: (string & components["schemas"]["ReportCloseReason"]) | null;
            /** @description The note of whoever closed it by hand, for staff only (never told to the reporter). */
            close_note: string;
            /**
             * Format: uuid
             * @description Who closed it by hand.
             */
            closed_by: string | null;
            /**
             * Format: uuid
             * @description The staff member who recorded it; null for a public report.
             */
            created_by: string | null;
            version: number;
            /** Format: date-time */
            updated_at: string;
        };
        /** @description A report as its create answers it, with the tracking code shown this once. */
        CreatedReport: {
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description The venue; null for a report about an address that is not a known venue.
             */
            venue_id: string | null;
            venue_name: string | null;
            /**
             * Format: uuid
             * @description The grid that checks it (the venue's, or the nearest venue's).
             */
            grid_id: string;
            address: string;
            lat: number | null;
            lng: number | null;
            kind: components["schemas"]["ReportKind"];
            /** @description As the reporter wrote it; show it as text, never as HTML. */
            text: string;
            /** @description Read with `GET /photos/{id}` (staff in scope). */
            photo_ids: string[];
            /** @description Empty when none was left; masked (139****5678) for officers. */
            reporter_phone: string;
            source: components["schemas"]["ReportSource"];
            status: components["schemas"]["ReportStatus"];
            /** Format: date-time */
            received_at: string;
            /**
             * Format: date-time
             * @description The legal clock (120号令 第十八条) — 24 hours after receipt for urgent kinds, else 24:00 of the third working day after the day of receipt, in the service's zone.
             */
            due_at: string;
            /** @description On the 24-hour clock. */
            urgent: boolean;
            /** @description Not checked and past `due_at`. */
            overdue: boolean;
            /** Format: date-time */
            checked_at: string | null;
            /** @description (checked reports) checked by `due_at`. */
            checked_in_time: boolean | null;
            /** @description What the complaint inspection found, as the reporter is told it. */
            outcome: string;
            /**
             * Format: uuid
             * @description The complaint inspection that checks it.
             */
            inspection_id: string | null;
            /** @description Why a report about an address was closed by hand (`POST /reports/{id}/close`); null otherwise. */
            close_reason: (string & components["schemas"]["ReportCloseReason"]) | null;
            /** @description The note of whoever closed it by hand, for staff only (never told to the reporter). */
            close_note: string;
            /**
             * Format: uuid
             * @description Who closed it by hand.
             */
            closed_by: string | null;
            /**
             * Format: uuid
             * @description The staff member who recorded it; null for a public report.
             */
            created_by: string | null;
            version: number;
            /** Format: date-time */
            updated_at: string;
            /** @description For the reporter (tracking page `/r/{tracking_code}`); shown this once, only its hash is kept. */
            tracking_code: string;
        };
        ReportList: {
            items: components["schemas"]["Report"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        CreateReportRequest: {
            /**
             * Format: uuid
             * @description A venue in scope; or give address, lat and lng instead.
             */
            venue_id?: string;
            address?: string;
            lat?: number;
            lng?: number;
            kind: components["schemas"]["ReportKind"];
            text: string;
            photo_ids?: string[];
            reporter_phone?: string;
            /**
             * @description Supervisors and admins; an officer's report is always grid_worker.
             * @enum {string}
             */
            source?: "hotline" | "grid_worker";
        };
        /**
         * @description Why a report about an address is closed without a venue, and what the reporter is told:
         *     `no_hazard` 经现场核查，未发现所反映的火灾隐患; `not_found` 经核查，未找到所反映的地址或场所；如有新的情况，请再次举报;
         *     `referred` 经核查，所反映的问题不属于消防监督检查范围，已移交有关部门处理.
         * @enum {string}
         */
        ReportCloseReason: "no_hazard" | "not_found" | "referred";
        CloseReportRequest: {
            reason: components["schemas"]["ReportCloseReason"];
            /** @description For staff only. */
            note?: string;
        };
        LinkReportRequest: {
            /**
             * Format: uuid
             * @description A venue in the caller's scope, active.
             */
            venue_id: string;
        };
        ReportVenueRequest: {
            /**
             * Format: uuid
             * @description A client-made id for the venue.
             */
            id?: string;
            name: string;
            category: components["schemas"]["Category"];
            risk_level: components["schemas"]["RiskLevel"];
            contact_name?: string;
            contact_phone?: string;
            license_no?: string | null;
        };
        PublicReportRequest: {
            kind: components["schemas"]["ReportKind"];
            text: string;
            /** @description Optional; only for the outcome's text message. */
            reporter_phone?: string;
        };
        AcceptedReport: {
            /** @description At least 128 random bits; keep it to follow the report. */
            tracking_code: string;
            status: components["schemas"]["ReportStatus"];
            /** Format: date-time */
            due_at: string;
            /** @description `PUBLIC_BASE_URL/r/{tracking_code}` */
            tracking_url: string;
        };
        PublicReport: {
            status: components["schemas"]["ReportStatus"];
            kind: components["schemas"]["ReportKind"];
            venue_name: string | null;
            /** Format: date-time */
            received_at: string;
            /** Format: date-time */
            due_at: string;
            /** Format: date-time */
            checked_at: string | null;
            outcome: string;
        };
        User: {
            /** Format: uuid */
            id: string;
            username: string;
            name: string;
            role: components["schemas"]["Role"];
            /** Format: uuid */
            org_unit_id: string;
            /** @description The grids an officer works in (empty for others). */
            grid_ids: string[];
            /** @description An inactive user cannot log in. */
            active: boolean;
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        UserList: {
            items: components["schemas"]["User"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        CreateUserRequest: {
            /**
             * Format: uuid
             * @description A client-made id, so that the request can be retried safely.
             */
            id?: string;
            /** @description 2-64 lower-case letters, digits, `.`, `_` or `-`. */
            username: string;
            name: string;
            role: components["schemas"]["Role"];
            /** Format: uuid */
            org_unit_id: string;
            /** @description 8 to 72 bytes. */
            password: string;
        };
        PatchUserRequest: {
            name?: string;
            role?: components["schemas"]["Role"];
            /** Format: uuid */
            org_unit_id?: string;
            active?: boolean;
            password?: string;
            /** @description The version the change is based on (or send `If-Match`; only its `*` means any version). */
            version?: number;
        };
        UserGridsRequest: {
            grid_ids: string[];
        };
        Venue: {
            /** Format: uuid */
            id: string;
            name: string;
            category: components["schemas"]["Category"];
            risk_level: components["schemas"]["RiskLevel"];
            /** Format: uuid */
            grid_id: string;
            address: string;
            lat: number;
            lng: number;
            contact_name: string;
            contact_phone: string;
            /** @description The unified social credit code (统一社会信用代码), or null. */
            license_no: string | null;
            status: components["schemas"]["VenueStatus"];
            /**
             * @description The venue's code (场所码), at least 128 random bits: its public page is `/v/{public_code}`,
             *     printed as a QR code on its door sticker. Set when the venue is created; a supervisor
             *     rotates it (`POST /venues/{id}/public-code`), and the old one stops working at once.
             */
            public_code: string;
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * @description Null while `lat`/`lng` are the approved position. When an officer changes `lat`/`lng`,
             *     this keeps the position last set by a supervisor or an admin, and check-ins (the
             *     `start_distance_m` and `off_site` of an inspection) are measured against it until a
             *     supervisor or an admin sends a position (sending the officer's again approves it).
             */
            checkin_lat?: number | null;
            /** @description See `checkin_lat`. */
            checkin_lng?: number | null;
            /**
             * @description Metres from the `near` point (the straight line between the two points on a sphere of
             *     the earth's radius: within a metre of the great-circle distance up to 100 km); only in
             *     lists asked with `near`, which are sorted by it.
             */
            distance_m?: number;
        };
        VenueList: {
            items: components["schemas"]["Venue"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        VenuePoints: {
            items: {
                /** Format: uuid */
                id: string;
                lat: number;
                lng: number;
                risk_level: components["schemas"]["RiskLevel"];
                category: components["schemas"]["Category"];
                name: string;
            }[];
            /** @description More venues matched than `limit`. */
            truncated: boolean;
        };
        CreateVenueRequest: {
            /**
             * Format: uuid
             * @description A client-made id, so that the request can be retried safely.
             */
            id?: string;
            name: string;
            category: components["schemas"]["Category"];
            risk_level: components["schemas"]["RiskLevel"];
            /**
             * Format: uuid
             * @description A grid in the caller's scope.
             */
            grid_id: string;
            address: string;
            /** @description Latitude (WGS-84). 0,0 is refused. */
            lat: number;
            /** @description Longitude (WGS-84). */
            lng: number;
            contact_name?: string;
            contact_phone?: string;
            /** @description A unified social credit code (18 characters with a matching check character); empty or null for none. */
            license_no?: string | null;
        };
        /** @description The risk level is not here; it changes through `POST /venues/{id}/reclassifications`. */
        PatchVenueRequest: {
            name?: string;
            /** Format: uuid */
            grid_id?: string;
            address?: string;
            lat?: number;
            lng?: number;
            contact_name?: string;
            contact_phone?: string;
            /** @description A unified social credit code; empty clears it. */
            license_no?: string;
            status?: components["schemas"]["VenueStatus"];
            /** @description The version the change is based on (or send `If-Match`; only its `*` means any version). */
            version?: number;
        };
        LevelChange: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            venue_id: string;
            /** @description Null for the level the venue was created with. */
            from_level: (string & components["schemas"]["RiskLevel"]) | null;
            to_level: components["schemas"]["RiskLevel"];
            reason: string;
            /** Format: uuid */
            changed_by: string | null;
            /**
             * Format: uuid
             * @description The reclassification that made the change; null for the first level.
             */
            reclassification_id: string | null;
            /** Format: date-time */
            changed_at: string;
        };
        LevelChangeList: {
            items: components["schemas"]["LevelChange"][];
        };
        Reclassification: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            venue_id: string;
            from_level: components["schemas"]["RiskLevel"];
            to_level: components["schemas"]["RiskLevel"];
            reason: string;
            status: components["schemas"]["ReclassificationStatus"];
            /**
             * Format: uuid
             * @description Null when the system filed it (the escalation of a major hazard).
             */
            filed_by: string | null;
            /** Format: uuid */
            decided_by: string | null;
            /** @description The decider's comment. */
            comment: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            decided_at: string | null;
            version: number;
        };
        ReclassificationList: {
            items: components["schemas"]["Reclassification"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        ReclassifyRequest: {
            /**
             * Format: uuid
             * @description A client-made id, so that the request can be retried safely.
             */
            id?: string;
            to_level: components["schemas"]["RiskLevel"];
            reason: string;
        };
        DecisionRequest: {
            comment?: string;
        };
        Policy: {
            red: components["schemas"]["Interval"];
            yellow: components["schemas"]["Interval"];
            green: components["schemas"]["Interval"];
        };
        PolicyUpdate: {
            red: components["schemas"]["Interval"];
            yellow: components["schemas"]["Interval"];
            green: components["schemas"]["Interval"];
            /** @description How many scheduled routine inspections the change cancelled. */
            cancelled: number;
        };
        CalendarYear: {
            year: number;
            /** @description Public holidays (rest days), in order. */
            holidays: string[];
            /** @description Weekend days that are make-up working days (调休), in order. */
            workdays: string[];
        };
        CalendarRequest: {
            holidays: string[];
            workdays: string[];
        };
        GenerateRequest: {
            /**
             * Format: date
             * @description The date to generate for (default today in `TZ`).
             */
            as_of?: string;
        };
        GenerateResult: {
            /** Format: date */
            as_of: string;
            /** @description The period that each level's interval gives for the as-of date. */
            periods: {
                risk_level: components["schemas"]["RiskLevel"];
                interval: components["schemas"]["Interval"];
                /** Format: date */
                start: string;
                /**
                 * Format: date
                 * @description The last day of the period, when its routine inspection is due.
                 */
                end: string;
            }[];
            /** @description Routine inspections created. */
            created: number;
            /** @description Venues already covered for their period. */
            skipped: number;
            /** @description Routine inspections cancelled because they no longer fit the venue's level. */
            cancelled: number;
            /** @description Reclassifications to red filed for major hazards not rectified in time. */
            escalated: number;
            elapsed_ms: number;
        };
        /** @description What a task list shows of an inspection's venue. */
        VenueSummary: {
            name: string;
            category: components["schemas"]["Category"];
            risk_level: components["schemas"]["RiskLevel"];
            address: string;
            lat: number;
            lng: number;
        };
        ChecklistAnswer: {
            item_code: string;
            result: components["schemas"]["CheckResult"];
            note: string;
        };
        Inspection: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            venue_id: string;
            venue: components["schemas"]["VenueSummary"];
            /** Format: uuid */
            grid_id: string;
            kind: components["schemas"]["InspectionKind"];
            status: components["schemas"]["InspectionStatus"];
            /** @description The interval a routine inspection was made for; null for other kinds. */
            interval: (string & components["schemas"]["Interval"]) | null;
            /**
             * Format: date
             * @description The first day of a routine inspection's period; null for other kinds.
             */
            period_start: string | null;
            /**
             * Format: date
             * @description The first day it may be started.
             */
            opens_on: string;
            /** Format: date */
            due_date: string;
            /** @description Not yet submitted, and the due date is before today. */
            overdue: boolean;
            /**
             * Format: uuid
             * @description The officer who started it.
             */
            assignee_id: string | null;
            /** Format: date-time */
            started_at: string | null;
            start_lat: number | null;
            start_lng: number | null;
            start_accuracy_m: number | null;
            /** @description Metres from the venue when it was started. */
            start_distance_m: number | null;
            /** @description It was started farther from the venue than the check-in radius. */
            off_site: boolean;
            /** Format: date-time */
            submitted_at: string | null;
            checklist: components["schemas"]["ChecklistAnswer"][];
            /** @description The hazards found during this inspection. */
            hazard_ids: string[];
            /** @description How many hazards of the venue are open. */
            open_hazards: number;
            /**
             * @description For a task not yet submitted: the venue's latest monthly self-inspection (自查) with failed
             *     items, for the officer to look at first.
             */
            self_inspection?: {
                /** Format: uuid */
                id: string;
                /** @example 2026-06 */
                month: string;
                /** @description The codes of the checklist items the owner marked fail. */
                failed: string[];
                /** Format: date-time */
                filed_at: string;
            } | null;
            notes: string;
            review_comment: string;
            /** Format: uuid */
            reviewed_by: string | null;
            /** Format: date-time */
            reviewed_at: string | null;
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description Metres from the `near` point to the venue; only in lists asked with `near`. */
            distance_m?: number;
        };
        InspectionList: {
            items: components["schemas"]["Inspection"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        CreateInspectionRequest: {
            /**
             * Format: uuid
             * @description A client-made id, so that the request can be retried safely.
             */
            id?: string;
            /** Format: uuid */
            venue_id: string;
            notes?: string;
        };
        StartRequest: {
            lat: number;
            lng: number;
            /** @description The phone's stated accuracy, in metres. */
            accuracy_m?: number;
        };
        SubmitRequest: {
            /** @description Every item of the venue category's checklist, answered once. */
            checklist: {
                item_code: string;
                result: components["schemas"]["CheckResult"];
                note?: string;
            }[];
            hazards?: components["schemas"]["NewHazard"][];
            /**
             * @description For a reinspection only, what became of each hazard it was made for. `fixed: true`
             *     verifies the hazard only when someone other than the caller recorded its fix;
             *     otherwise it is left `rectified` for a supervisor.
             */
            resolutions?: {
                /** Format: uuid */
                hazard_id: string;
                fixed: boolean;
                /** @description How it was fixed (required when `fixed` is true), or what is still wrong. */
                description?: string;
                photo_ids?: string[];
            }[];
            notes?: string;
        };
        NewHazard: {
            /**
             * Format: uuid
             * @description A client-made id (required), so that a retried submission records the hazard once.
             */
            id: string;
            /** @description The checklist item the hazard is about; it must apply to the venue's category. */
            code: string;
            severity: components["schemas"]["Severity"];
            description: string;
            /** @description Photos the caller uploaded; at least one for an on-site fix. */
            photo_ids?: string[];
            fix_mode: components["schemas"]["FixMode"];
            /**
             * Format: date
             * @description Required for a deadline fix (after today, within `MAX_DEADLINE_DAYS`); not allowed for an on-site fix.
             */
            deadline?: string;
        };
        ReviewRequest: {
            /** @description The supervisor's comment; required to return an inspection. */
            comment?: string;
        };
        Rectification: {
            description: string;
            photo_ids: string[];
            /** Format: date-time */
            at: string;
            /**
             * Format: uuid
             * @description The user who recorded it; null when the venue's owner did (`by_owner`).
             */
            by: string | null;
            /** @description The venue's owner recorded it (整改回执); an officer or a supervisor verifies it. */
            by_owner?: boolean;
        };
        Hazard: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            inspection_id: string;
            /** Format: uuid */
            venue_id: string;
            /** Format: uuid */
            grid_id: string;
            /** @description The checklist item the hazard is about. */
            code: string;
            severity: components["schemas"]["Severity"];
            description: string;
            fix_mode: components["schemas"]["FixMode"];
            /**
             * Format: date
             * @description The fix-by date of a deadline fix; null for an on-site fix.
             */
            deadline: string | null;
            status: components["schemas"]["HazardStatus"];
            /** @description Open and past its deadline. */
            overdue: boolean;
            /** @description Photos of the hazard as found. */
            photo_ids: string[];
            /** @description The recorded fix; null while none is recorded. */
            rectification: components["schemas"]["Rectification"] | null;
            /**
             * Format: uuid
             * @description The reinspection made for a deadline fix.
             */
            reinspection_id: string | null;
            /** @description The fix was recorded by the venue's owner and waits for an officer or a supervisor. */
            rectified_by_owner?: boolean;
            /**
             * Format: date
             * @description The day the owner applied for the reinspection early (复查申请); it was then due 3 working days later.
             */
            reinspection_requested_on?: string | null;
            review_comment: string;
            /** Format: date-time */
            verified_at: string | null;
            /** Format: uuid */
            verified_by: string | null;
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        HazardList: {
            items: components["schemas"]["Hazard"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        RectifyRequest: {
            description: string;
            photo_ids?: string[];
        };
        VerifyRequest: {
            accepted: boolean;
            /** @description Required when the fix is rejected. */
            comment?: string;
        };
        ChecklistItem: {
            code: string;
            label_zh: string;
            label_en: string;
            /** @description The venue categories it applies to. */
            categories: components["schemas"]["Category"][];
            /** @description The articles the item enforces, quoted by the orders (《中华人民共和国消防法》第二十八条). */
            legal_basis: string;
            default_fix_mode: components["schemas"]["FixMode"];
            version: number;
        };
        ChecklistItemList: {
            items: components["schemas"]["ChecklistItem"][];
        };
        Photo: {
            /** Format: uuid */
            id: string;
            sha256: string;
            /** @enum {string} */
            content_type: "image/jpeg" | "image/png" | "image/heic";
            bytes: number;
            /** Format: uuid */
            uploaded_by: string;
            /** Format: date-time */
            created_at: string;
            /** @description Where to GET its bytes. */
            url: string;
        };
        Tombstone: {
            /** @enum {string} */
            entity: "venue" | "inspection";
            /** Format: uuid */
            id: string;
            reason: string;
        };
        Changes: {
            venues: components["schemas"]["Venue"][];
            inspections: components["schemas"]["Inspection"][];
            hazards: components["schemas"]["Hazard"][];
            /** @description Resources to drop from the local copy. */
            tombstones: components["schemas"]["Tombstone"][];
            /** @description The `since` of the next call (empty only with `reset`). */
            next_cursor: string;
            /** @description More changes wait; call again at once with `next_cursor`. */
            has_more: boolean;
            /** @description The caller's scope changed since the cursor was made; drop the local copy and sync from the start. */
            reset: boolean;
        };
        QueueItem: {
            /** @enum {string} */
            type: "inspection" | "hazard" | "extension";
            /**
             * Format: uuid
             * @description The inspection's, the hazard's or the extension's id.
             */
            id: string;
            /** Format: uuid */
            venue_id: string;
            venue_name: string;
            venue_address: string;
            /** Format: uuid */
            grid_id: string;
            grid_name: string;
            /**
             * Format: date-time
             * @description When it was submitted or rectified.
             */
            at: string;
            /**
             * Format: uuid
             * @description Who submitted or rectified it.
             */
            by: string | null;
            /** @description Their name. */
            by_name: string | null;
            /** @description The venue's owner recorded the fix (整改回执) or asked for the extension; by and by_name are then null. */
            by_owner?: boolean;
            /** @description The venue's level now. */
            venue_risk_level: components["schemas"]["RiskLevel"];
            /** @description An inspection started away from the venue. */
            off_site: boolean;
            /** @description A major hazard, or an inspection that found one. */
            major: boolean;
            /** @description Submitted after its due date, or fixed after its deadline (days in the service's zone). */
            late: boolean;
            /** @description The inspection's kind, or the hazard's code (an extension's hazard's). */
            kind: string;
            /**
             * Format: date
             * @description When the decision is due (an extension, 3 working days after the request); null for the others.
             */
            due_on: string | null;
        };
        QueueItemList: {
            items: components["schemas"]["QueueItem"][];
            next_cursor: components["schemas"]["NextCursor"];
            /** @description How many items match the filters, on every page. */
            total: number;
        };
        TrendMonth: {
            /** @description YYYY-MM. */
            month: string;
            due: number;
            done: number;
            /** @description done / due (0 when nothing was due). */
            completion_rate: number;
            found: number;
            /** @description Of the hazards found in the month, those rectified or verified by now. */
            fixed: number;
        };
        TrendSeries: {
            /** Format: uuid */
            org_unit_id: string;
            name: string;
            code: string;
            kind: components["schemas"]["OrgUnitKind"];
            months: components["schemas"]["TrendMonth"][];
        };
        Trends: {
            /** Format: uuid */
            org_unit_id: string;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @description The months covered, oldest first (YYYY-MM). */
            months: string[];
            unit: components["schemas"]["TrendSeries"];
            children: components["schemas"]["TrendSeries"][];
        };
        Stats: {
            /**
             * Format: uuid
             * @description The unit counted (the grid, in per-grid figures); null for the caller's whole scope.
             */
            org_unit_id: string | null;
            /** @description The grid's name (per-grid figures only). */
            name?: string;
            /** @description The grid's code (per-grid figures only). */
            code?: string;
            /** Format: date */
            from: string;
            /** Format: date */
            to: string;
            /** @description Active venues. */
            venues: {
                total: number;
                /** @description Counts by risk level (every level present). */
                by_level: {
                    [key: string]: number;
                };
                /** @description Counts by category (every category present). */
                by_category: {
                    [key: string]: number;
                };
            };
            /**
             * @description Inspections due in the range (cancelled ones left out). `due`, `done`, `on_time`,
             *     `overdue` and `completion_rate` are about the schedule: routine inspections,
             *     reinspections and the checks of reports. An officer's own ad hoc visits are counted on
             *     their own in `ad_hoc` and `ad_hoc_done`, so many visits to one venue do not lift the
             *     completion rate.
             */
            inspections: {
                due: number;
                /** @description Submitted or approved. */
                done: number;
                /** @description Submitted on or before the due date. */
                on_time: number;
                /**
                 * @description Open (scheduled, in progress or returned) and due before today: the count of
                 *     `GET /inspections?overdue=true&planned=true&due_from={from}&due_to={to}` (with
                 *     `org_unit_id` when one was asked), the list the console's work page opens from
                 *     this figure.
                 */
                overdue: number;
                /** @description done / due (0 when nothing is due). */
                completion_rate: number;
                /** @description Ad hoc inspections due in the range (not cancelled). */
                ad_hoc: number;
                /** @description Of those, submitted or approved. */
                ad_hoc_done: number;
            };
            /** @description Hazards found in the range. */
            hazards: {
                found: number;
                fixed_on_site: number;
                fixed_by_deadline: number;
                /** @description Rectified and waiting for verification. */
                rectified: number;
                verified: number;
                open: number;
                overdue: number;
            };
            /** @description Legal documents made in the range. */
            documents: {
                /** @description Given a number (served and void ones included). */
                issued: number;
                served: number;
                /** @description Drafts and issued ones not yet served. */
                unserved: number;
                /** @description Unserved and past their serve-by date. */
                overdue: number;
                void: number;
            };
            /** @description Reports (举报投诉) received in the range. */
            reports?: {
                received: number;
                /** @description Checked by their due time. */
                checked_in_time: number;
                /** @description Checked after their due time. */
                checked_late: number;
                /** @description Not checked yet. */
                open: number;
                /** @description Not checked, and past their due time now. */
                overdue: number;
            };
        };
        StatsList: {
            items: components["schemas"]["Stats"][];
        };
        AuditEntry: {
            /** Format: int64 */
            id: number;
            /** Format: date-time */
            at: string;
            /**
             * Format: uuid
             * @description Who made the change (a user, or with actor_kind owner the owner session); null for the system (cron, the command line).
             */
            actor_id: string | null;
            actor_kind?: components["schemas"]["ActorKind"];
            /** @description e.g. create, update, start, submit, approve, return, rectify, verify, reclassify. */
            action: string;
            entity: string;
            /** Format: uuid */
            entity_id: string;
            /** Format: uuid */
            grid_id: string | null;
            /** @description The resource before the change (null for a creation). */
            before: {
                [key: string]: unknown;
            } | null;
            /** @description The resource after the change. */
            after: {
                [key: string]: unknown;
            } | null;
            request_id: string;
        };
        AuditList: {
            items: components["schemas"]["AuditEntry"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        /** @description The `cursor` of the next page; null on the last page. */
        NextCursor: string | null;
        ServiceRecord: {
            method: components["schemas"]["ServiceMethod"];
            received_by: string;
            /** Format: date-time */
            received_at: string;
            witness: string;
            /** Format: uuid */
            signature_photo_id: string | null;
            photo_ids: string[];
            /**
             * Format: uuid
             * @description The officer who served it.
             */
            by: string | null;
            /**
             * Format: date-time
             * @description When the service was recorded.
             */
            at: string;
        };
        Document: {
            /** Format: uuid */
            id: string;
            kind: components["schemas"]["DocumentKind"];
            /** @description `{agency_code}公（消）{kind word}字〔{year}〕第{NNNN}号`, given at issue (null for a draft); a void document keeps it. */
            number: string | null;
            status: components["schemas"]["DocumentStatus"];
            /**
             * Format: uuid
             * @description The issuing station.
             */
            station_id: string;
            /** Format: uuid */
            grid_id: string;
            /** Format: uuid */
            venue_id: string;
            venue_name: string;
            /** Format: uuid */
            inspection_id: string | null;
            /** Format: uuid */
            extension_id: string | null;
            hazard_ids: string[];
            /** Format: date-time */
            issued_at: string | null;
            /** Format: uuid */
            issued_by: string | null;
            /**
             * Format: date
             * @description 3 working days after the inspection (or the decision); null for an inspection record.
             */
            serve_by: string | null;
            /** @description Unserved (draft or issued) and past `serve_by`. */
            overdue: boolean;
            /** @description How it was served; null until it is. */
            service: components["schemas"]["ServiceRecord"] | null;
            void_reason: string | null;
            /**
             * Format: uuid
             * @description The document this one corrects or reissues, under a new number. The old one is void
             *     (void_reason `corrected` when a resubmission changed the hazards it lists, or the
             *     supervisor's reason of a reissue) — unless it was served: a served document never
             *     changes, so it stays served and this one is issued (and served) alongside.
             */
            replaces_id: string | null;
            /**
             * Format: uuid
             * @description The owner invitation an order's paper carries (OwnerInvite `printed`); null for other
             *     kinds, and for an order to a venue with an owner already or with no mobile number on
             *     file. A correction or reissue keeps it.
             */
            owner_invite_id: string | null;
            /** Format: uuid */
            created_by: string | null;
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        DocumentList: {
            items: components["schemas"]["Document"][];
            next_cursor: components["schemas"]["NextCursor"];
        };
        ServiceRequest: {
            method: components["schemas"]["ServiceMethod"];
            received_by?: string;
            /**
             * Format: date-time
             * @description When it was received (default now).
             */
            received_at?: string;
            /** Format: uuid */
            signature_photo_id?: string;
            witness?: string;
            photo_ids?: string[];
        };
        VoidRequest: {
            reason: string;
        };
        DocumentTemplate: {
            kind: components["schemas"]["DocumentKind"];
            title: string;
            /** @description The kind word of the number (检, 即, 限, 复, 延). */
            kind_word: string;
            /** @description The issuing authority's heading. */
            authority: string;
            opening: string;
            order: string;
            /** @description The appeal rights (行政复议 within 60 days, 行政诉讼 within 6 months). */
            appeal: string;
            closing: string;
            version: number;
            /** Format: date-time */
            updated_at: string;
        };
        DocumentTemplateRequest: {
            title: string;
            kind_word: string;
            authority: string;
            opening?: string;
            order?: string;
            appeal?: string;
            closing?: string;
        };
        Extension: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            hazard_id: string;
            /** Format: uuid */
            venue_id: string;
            /** Format: uuid */
            grid_id: string;
            /** Format: date */
            old_deadline: string;
            /** Format: date */
            requested_on: string;
            /** Format: date */
            requested_deadline: string;
            reason: string;
            status: components["schemas"]["ExtensionStatus"];
            /**
             * Format: date
             * @description 3 working days after the request.
             */
            decide_by: string;
            /** Format: uuid */
            filed_by: string | null;
            /** @description The venue's owner asked for it (filed_by is then null). */
            filed_by_owner?: boolean;
            /** Format: uuid */
            decided_by: string | null;
            /** Format: date-time */
            decided_at: string | null;
            comment: string;
            /**
             * Format: uuid
             * @description The extension_decision, once decided.
             */
            document_id: string | null;
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        ExtensionRequest: {
            /** Format: uuid */
            id?: string;
            /** Format: date */
            requested_deadline: string;
            reason: string;
        };
        ServiceConsent: {
            /** Format: uuid */
            venue_id: string;
            /** @description Where electronic service goes (a phone number or an e-mail address). */
            address: string;
            /** Format: uuid */
            recorded_by: string | null;
            /** Format: date-time */
            recorded_at: string;
        };
        ServiceConsentRequest: {
            address: string;
        };
        ChecklistItemRequest: {
            legal_basis: string;
            default_fix_mode: components["schemas"]["FixMode"];
        };
        OwnerInvite: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            venue_id: string;
            /** Format: uuid */
            grid_id: string;
            /** @description The phone the code goes to, its middle hidden (138****5678). */
            phone_hint: string;
            /** Format: uuid */
            created_by: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: date-time */
            used_at: string | null;
            /** Format: date-time */
            revoked_at: string | null;
            /** @description Wrong codes so far; 5 lock the invitation. */
            code_failures: number;
            /**
             * @description Printed on an order (责令立即改正 / 责令限期改正通知书) as a QR code: made when an order
             *     is issued to a venue with a mobile number on file and no owner in Jiuxiao, shared by the
             *     venue's later orders while it is open, and working for 30 days. Its token is derived
             *     from the invitation's id with a key derived from `JWT_SECRET` (a new secret voids the
             *     printed links), so every printing shows the same code; only its hash is stored.
             */
            printed: boolean;
            /** @enum {string} */
            status: "pending" | "used" | "revoked" | "expired" | "locked";
        };
        OwnerInviteCreated: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            venue_id: string;
            /** Format: uuid */
            grid_id: string;
            /** @description The phone the code goes to, its middle hidden (138****5678). */
            phone_hint: string;
            /** Format: uuid */
            created_by: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: date-time */
            used_at: string | null;
            /** Format: date-time */
            revoked_at: string | null;
            /** @description Wrong codes so far; 5 lock the invitation. */
            code_failures: number;
            /**
             * @description Printed on an order (责令立即改正 / 责令限期改正通知书) as a QR code: made when an order
             *     is issued to a venue with a mobile number on file and no owner in Jiuxiao, shared by the
             *     venue's later orders while it is open, and working for 30 days. Its token is derived
             *     from the invitation's id with a key derived from `JWT_SECRET` (a new secret voids the
             *     printed links), so every printing shows the same code; only its hash is stored.
             */
            printed: boolean;
            /** @enum {string} */
            status: "pending" | "used" | "revoked" | "expired" | "locked";
            /** @description The one-time link, PUBLIC_BASE_URL/o/invite/{token}. Shown once. */
            url: string;
            /** @description The link's token (256 random bits; kept only as its SHA-256). Shown once. */
            token: string;
            /** @description The link as a QR code, a PNG data URL. */
            qr_png: string;
        };
        OwnerCodeSent: {
            venue_name: string;
            phone_hint: string;
            /** Format: date-time */
            expires_at: string;
            /** Format: date-time */
            resend_after: string;
        };
        OwnerSession: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            venue_id: string;
            /** Format: uuid */
            grid_id: string;
            /** Format: uuid */
            invite_id: string;
            phone_hint: string;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            last_seen_at: string;
            /**
             * Format: date-time
             * @description At most 180 days after it started; it also ends after 30 days unused.
             */
            expires_at: string;
            /** Format: date-time */
            revoked_at: string | null;
            active: boolean;
        };
        OwnerHome: {
            venue: {
                /** Format: uuid */
                id: string;
                name: string;
                category: components["schemas"]["Category"];
                risk_level: components["schemas"]["RiskLevel"];
                address: string;
                contact_name: string;
                /** @description Its middle hidden. */
                contact_phone: string;
            };
            /** @description The venue's consent to electronic service; null while none is given. */
            service_consent: components["schemas"]["ServiceConsent"] | null;
            self_inspected_this_month: boolean;
            /** @example 2026-06 */
            month: string;
        };
        SelfInspection: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            venue_id: string;
            /** Format: uuid */
            grid_id: string;
            /** @example 2026-06 */
            month: string;
            checklist: components["schemas"]["ChecklistAnswer"][];
            failed: string[];
            notes: string;
            /** Format: date-time */
            created_at: string;
        };
        SelfInspectionList: {
            items: components["schemas"]["SelfInspection"][];
        };
    };
    responses: {
        /** @description The request cannot be read (a body that is not JSON, not a JSON object, or more than one JSON value; a bad Idempotency-Key). Nothing was written. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No valid access token (or, for login and refresh, bad credentials). */
        Unauthorized: {
            headers: {
                "WWW-Authenticate": components["headers"]["WWWAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller's role may not do this. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Nothing here that the caller can see (it does not exist, or it is out of scope). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The write clashes with what exists: a unique field taken, a client-made id used with
         *     another body, a state that does not allow it, or an `Idempotency-Key` whose first request
         *     is still running. `errors` names the field when there is one.
         */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The version given (body `version` or `If-Match`) is no longer current. Read the resource again. Nothing was written. */
        PreconditionFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The write did not say which version it read; send `version` in the body or an `If-Match` header. */
        PreconditionRequired: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Fields are wrong; each is named in `errors` (a body field, a query parameter, or
         *     `Idempotency-Key` when the key was used for another payload). Nothing was written.
         */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The upload is larger than allowed. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many failed attempts; wait as `Retry-After` says. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description You have as many of these answers in flight as a user may (`STREAMS_PER_USER`); wait until one has arrived, or as `Retry-After` says. */
        TooManyStreams: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The service is sending as many ledgers and map answers as it may (`STREAMS_IN_FLIGHT`), or
         *     the database cannot be reached; try again as `Retry-After` says.
         */
        StreamsBusy: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The photo store (disk, or the S3 object store) cannot be reached or did not answer within
         *     `S3_TIMEOUT` (`/problems/storage-unavailable`). An upload answered this was not saved: no
         *     photo row was written. Send it again after `Retry-After`.
         */
        StoreUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description Any other failure: 500 (the detail says nothing of the internals; it is logged with the
         *     request id), or 503 with `Retry-After` when the database or the photo store
         *     (`/problems/storage-unavailable`; a document's paper reads its signature there) cannot be reached, the request
         *     took too long, or PostgreSQL rolled the request's transaction back to break a deadlock
         *     with another (`/problems/conflict-retry`: nothing was written; send it again).
         */
        Error: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The ledger, as a file to save. XLSX: a title row (the unit, the ledger and the period, e.g.
         *     "聊城市东昌府区古楼派出所 消防监督检查台账 2026-11-01 至 2026-11-30"), a bold header frozen under it
         *     with an autofilter, then one row per record numbered from 1 (序号); dates and instants are
         *     real dates (`yyyy-mm-dd`, `yyyy-mm-dd hh:mm` in the service's zone), counts numbers, empty
         *     cells absent; A4 landscape, one page wide, the two top rows repeated on each page. An
         *     empty ledger has one row saying 无记录. CSV: the same columns, the header first (no title
         *     row), no row when empty.
         */
        Ledger: {
            headers: {
                /** @description `attachment` with a file name such as `hazards-2026-05-01.csv`, and its Chinese name in `filename*`. */
                "Content-Disposition"?: string;
                [name: string]: unknown;
            };
            content: {
                "text/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
            };
        };
    };
    parameters: {
        /** @description Keep the venues of this grid. */
        VenueGridID: string;
        /** @description Keep the venues in grids under this org unit. */
        VenueOrgUnitID: string;
        /** @description Keep venues of this level. */
        VenueRiskLevel: components["schemas"]["RiskLevel"];
        /** @description Keep venues of this category. */
        VenueCategory: components["schemas"]["Category"];
        /** @description Keep venues with this status. */
        VenueStatus: components["schemas"]["VenueStatus"];
        /** @description Keep venues where every word (split at spaces) is found, case-insensitively, in the name, the address, the contact's name, the phone or the licence number. */
        VenueQ: string;
        /**
         * @description With `near`, keep venues within this many metres of it (0 means no limit), at most 5,000:
         *     a larger radius answers 422. A radius bounds what one query reads; for more, page
         *     through the list by distance (`near` alone).
         */
        VenueRadius: number;
        /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
        ID: string;
        /** @description The year (2000-2100; others answer 404). */
        Year: number;
        /** @description The file format (others answer 404). */
        Format: "csv" | "xlsx";
        /**
         * @description Any value asks for cookie mode: the refresh token travels in the httpOnly cookie
         *     `jx_refresh` rather than in bodies (the console uses it; mobile clients do not).
         */
        CookieMode: string;
        /**
         * @description A key the client makes for this request (a UUID is a good choice), so that it can be
         *     retried safely. The first response to a key is stored for 24 hours, per caller, and
         *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
         *     URL and body. The same key with another payload answers 422; the same key while the first
         *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
         *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
         */
        IdempotencyKey: string;
        /**
         * @description The version the change is based on: the `ETag` of your read (`"3"`; `W/"3"` and `3` are
         *     understood too). Either this header or the body's `version` is required (428 when neither
         *     is given); when both are given they must agree (422). A version that is no longer current
         *     answers 412 and changes nothing.
         */
        IfMatch: string;
        /** @description The page size. */
        Limit: number;
        /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
        Cursor: string;
        /**
         * @description A WGS-84 position as `lat,lng` in degrees; the list is then ordered by distance from it.
         * @example 36.45,115.98
         */
        Near: string;
        /** @description Keep the entries of this venue. */
        VenueFilter: string;
        /**
         * @description The first day the ledger covers (inclusive): inspections due on or after it, hazards and
         *     documents made on or after it (in the service's time zone). A monthly ledger is the common
         *     case (`from=2026-11-01&to=2026-11-30`); the title row names the period.
         */
        LedgerFrom: string;
        /** @description The last day the ledger covers (inclusive); 422 when before `from`. */
        LedgerTo: string;
        /**
         * @description true keeps the schedule's inspections (every kind but `ad_hoc`), the kinds the
         *     dashboard's due, done, on-time and overdue figures count; false keeps the ad hoc ones.
         */
        PlannedFilter: boolean;
        /** @description Keep the inspections of the grids under this org unit (a grid, a station, a district). */
        InspectionUnitFilter: string;
        /** @description Keep the entries of this grid. */
        GridFilter: string;
        /** @description Keep hazards with this status. */
        HazardStatusFilter: components["schemas"]["HazardStatus"];
        /** @description Keep hazards of this severity. */
        SeverityFilter: components["schemas"]["Severity"];
        /** @description true keeps open hazards past their deadline only; false leaves them out. */
        HazardOverdueFilter: boolean;
        /** @description Count under this org unit (in scope; 404 otherwise) instead of the caller's whole scope. */
        StatsOrgUnit: string;
        /** @description The first day of the range (default 1 January of this year). */
        StatsFrom: string;
        /** @description The last day of the range (default today). The range may span at most ten years. */
        StatsTo: string;
    };
    requestBodies: never;
    headers: {
        /** @description The resource's `version` as a strong entity tag, e.g. `"3"`. Send it back in `If-Match` to change the resource. */
        ETag: string;
        /** @description `true` when this is the stored response to an `Idempotency-Key` seen before. */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before trying again. */
        RetryAfter: number;
        /** @description `Bearer realm="jiuxiao"`. */
        WWWAuthenticate: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is up. This does not look at the database. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description More connections at once from this address than `MAX_CONNS_PER_IP`; the body is empty, `Retry-After` says when to try again, and the connection is closed. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A connection of the pool was free within a second, and the database answered a ping on it within 2 seconds. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description More connections at once from this address than `MAX_CONNS_PER_IP`; the body is empty, `Retry-After` says when to try again, and the connection is closed. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
            /**
             * @description `database unreachable`: the database did not answer; `database pool saturated`: every
             *     connection of the pool stayed taken for a second (requests would queue for one);
             *     `blob store unavailable`: the photo store did not answer its check within 2 seconds. This
             *     is plain JSON, not a problem document.
             */
            503: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Request counts and latencies, and the Go runtime's series, in the Prometheus text format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
        };
    };
    openapi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3 document of every endpoint. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description More connections at once from this address than `MAX_CONNS_PER_IP`; the body is empty, `Retry-After` says when to try again, and the connection is closed. */
            429: {
                headers: {
                    "Retry-After": components["headers"]["RetryAfter"];
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    publicVenuePage: {
        parameters: {
            query?: never;
            header?: {
                "If-None-Match"?: string;
            };
            path: {
                /** @description The venue's public code. */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page. */
            200: {
                headers: {
                    /** @description A digest of the page. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description The page is as the client has it. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No active venue has this code (a rotated one included); an HTML page saying so. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    publicReportPage: {
        parameters: {
            query?: {
                new?: "1";
            };
            header?: never;
            path: {
                /** @description A report's tracking code. */
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description No report has this tracking code; an HTML page saying so. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    login: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any value asks for cookie mode: the refresh token travels in the httpOnly cookie
                 *     `jx_refresh` rather than in bodies (the console uses it; mobile clients do not).
                 */
                "X-Requested-With"?: components["parameters"]["CookieMode"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Logged in. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    refresh: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Any value asks for cookie mode: the refresh token travels in the httpOnly cookie
                 *     `jx_refresh` rather than in bodies (the console uses it; mobile clients do not).
                 */
                "X-Requested-With"?: components["parameters"]["CookieMode"];
            };
            path?: never;
            cookie?: {
                /** @description The refresh token of a login in cookie mode; used only with `X-Requested-With` and no body. */
                jx_refresh?: string;
            };
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description A new session. */
            200: {
                headers: {
                    /** @description In cookie mode, the new refresh token (`jx_refresh`). */
                    "Set-Cookie"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    logout: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
                /**
                 * @description Any value asks for cookie mode: the refresh token travels in the httpOnly cookie
                 *     `jx_refresh` rather than in bodies (the console uses it; mobile clients do not).
                 */
                "X-Requested-With"?: components["parameters"]["CookieMode"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LogoutRequest"];
            };
        };
        responses: {
            /** @description The session (or every session) is ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user the access token names. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    getClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service's day. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Clock"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    listOrgUnits: {
        parameters: {
            query?: {
                /** @description Keep units of this kind. */
                kind?: components["schemas"]["OrgUnitKind"];
                /** @description Keep the direct children of this unit. */
                parent_id?: string;
                /** @description Keep the subtree of this unit, the unit itself included. */
                under?: string;
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of org units. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnitList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    createOrgUnit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOrgUnitRequest"];
            };
        };
        responses: {
            /** @description The unit, created (or, for a retry with the same id and fields, as it was). */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getOrgUnit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The unit. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnit"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    patchOrgUnit: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The version the change is based on: the `ETag` of your read (`"3"`; `W/"3"` and `3` are
                 *     understood too). Either this header or the body's `version` is required (428 when neither
                 *     is given); when both are given they must agree (422). A version that is no longer current
                 *     answers 412 and changes nothing.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchOrgUnitRequest"];
            };
        };
        responses: {
            /** @description The unit as it is now. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrgUnit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Error"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                /** @description Keep users with this role. */
                role?: components["schemas"]["Role"];
                /** @description Keep users whose org unit is this unit or under it. */
                org_unit_id?: string;
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of users. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    createUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserRequest"];
            };
        };
        responses: {
            /** @description The user, created (or, for a retry with the same id and fields, as it was). */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    patchUser: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The version the change is based on: the `ETag` of your read (`"3"`; `W/"3"` and `3` are
                 *     understood too). Either this header or the body's `version` is required (428 when neither
                 *     is given); when both are given they must agree (422). A version that is no longer current
                 *     answers 412 and changes nothing.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchUserRequest"];
            };
        };
        responses: {
            /** @description The user as they are now. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Error"];
        };
    };
    putUserGrids: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UserGridsRequest"];
            };
        };
        responses: {
            /** @description The user with their new grids. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listVenues: {
        parameters: {
            query?: {
                /** @description Keep the venues of this grid. */
                grid_id?: components["parameters"]["VenueGridID"];
                /** @description Keep the venues in grids under this org unit. */
                org_unit_id?: components["parameters"]["VenueOrgUnitID"];
                /** @description Keep venues of this level. */
                risk_level?: components["parameters"]["VenueRiskLevel"];
                /** @description Keep venues of this category. */
                category?: components["parameters"]["VenueCategory"];
                /** @description Keep venues with this status. */
                status?: components["parameters"]["VenueStatus"];
                /** @description Keep venues where every word (split at spaces) is found, case-insensitively, in the name, the address, the contact's name, the phone or the licence number. */
                q?: components["parameters"]["VenueQ"];
                /**
                 * @description A WGS-84 position as `lat,lng` in degrees; the list is then ordered by distance from it.
                 * @example 36.45,115.98
                 */
                near?: components["parameters"]["Near"];
                /**
                 * @description With `near`, keep venues within this many metres of it (0 means no limit), at most 5,000:
                 *     a larger radius answers 422. A radius bounds what one query reads; for more, page
                 *     through the list by distance (`near` alone).
                 */
                radius_m?: components["parameters"]["VenueRadius"];
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of venues. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VenueList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    createVenue: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVenueRequest"];
            };
        };
        responses: {
            /** @description The venue, created (or, for a retry with the same id and fields, as it is). */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Venue"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listVenuePoints: {
        parameters: {
            query?: {
                /** @description Keep the venues of this grid. */
                grid_id?: components["parameters"]["VenueGridID"];
                /** @description Keep the venues in grids under this org unit. */
                org_unit_id?: components["parameters"]["VenueOrgUnitID"];
                /** @description Keep venues of this level. */
                risk_level?: components["parameters"]["VenueRiskLevel"];
                /** @description Keep venues of this category. */
                category?: components["parameters"]["VenueCategory"];
                /** @description Keep venues with this status. */
                status?: components["parameters"]["VenueStatus"];
                /** @description Keep venues where every word (split at spaces) is found, case-insensitively, in the name, the address, the contact's name, the phone or the licence number. */
                q?: components["parameters"]["VenueQ"];
                /**
                 * @description A WGS-84 position as `lat,lng` in degrees; the list is then ordered by distance from it.
                 * @example 36.45,115.98
                 */
                near?: components["parameters"]["Near"];
                /**
                 * @description With `near`, keep venues within this many metres of it (0 means no limit), at most 5,000:
                 *     a larger radius answers 422. A radius bounds what one query reads; for more, page
                 *     through the list by distance (`near` alone).
                 */
                radius_m?: components["parameters"]["VenueRadius"];
                /** @description The most points to return. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The points. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VenuePoints"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyStreams"];
            503: components["responses"]["StreamsBusy"];
            default: components["responses"]["Error"];
        };
    };
    getVenue: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The venue. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Venue"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    patchVenue: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The version the change is based on: the `ETag` of your read (`"3"`; `W/"3"` and `3` are
                 *     understood too). Either this header or the body's `version` is required (428 when neither
                 *     is given); when both are given they must agree (422). A version that is no longer current
                 *     answers 412 and changes nothing.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchVenueRequest"];
            };
        };
        responses: {
            /** @description The venue as it is now. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Venue"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Error"];
        };
    };
    getVenueHistory: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The venue's level history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LevelChangeList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    fileReclassification: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReclassifyRequest"];
            };
        };
        responses: {
            /** @description The reclassification. */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reclassification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listReclassifications: {
        parameters: {
            query?: {
                /** @description Keep reclassifications with this status. */
                status?: components["schemas"]["ReclassificationStatus"];
                /** @description Keep the reclassifications of this venue. */
                venue_id?: string;
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of reclassifications. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReclassificationList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getReclassification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The reclassification. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reclassification"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    approveReclassification: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DecisionRequest"];
            };
        };
        responses: {
            /** @description The reclassification, now approved. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reclassification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    rejectReclassification: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DecisionRequest"];
            };
        };
        responses: {
            /** @description The reclassification, now rejected. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reclassification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The policy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Policy"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    putPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Policy"];
            };
        };
        responses: {
            /** @description The new policy. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyUpdate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The year (2000-2100; others answer 404). */
                year: components["parameters"]["Year"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The year's calendar (empty lists when none was set). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarYear"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    putCalendar: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The year (2000-2100; others answer 404). */
                year: components["parameters"]["Year"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalendarRequest"];
            };
        };
        responses: {
            /** @description The year's calendar as it is now. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarYear"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    generateSchedule: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["GenerateRequest"];
            };
        };
        responses: {
            /** @description What the run did. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GenerateResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listInspections: {
        parameters: {
            query?: {
                /** @description Keep the caller's open work (scheduled, in progress or returned) that nobody else has taken. */
                mine?: boolean;
                /**
                 * @description Keep inspections with one of these statuses: comma-separated (`status=a,b`, as
                 *     declared), or the parameter repeated (`status=a&status=b`), or both.
                 */
                status?: components["schemas"]["InspectionStatus"][];
                /** @description true keeps overdue inspections only; false leaves them out. */
                overdue?: boolean;
                /** @description Keep inspections of this kind. */
                kind?: components["schemas"]["InspectionKind"];
                /** @description Keep the inspections of this venue. */
                venue_id?: string;
                /** @description Keep the inspections of this grid. */
                grid_id?: string;
                /** @description Keep the inspections of this officer. */
                assignee_id?: string;
                /** @description Keep inspections due before this date. */
                due_before?: string;
                /** @description Keep inspections due on or after this date (the dashboard's `from`). */
                due_from?: string;
                /**
                 * @description Keep inspections due on or before this date (the dashboard's `to`); before
                 *     `due_from` is a 422.
                 */
                due_to?: string;
                /**
                 * @description true keeps the schedule's inspections (every kind but `ad_hoc`), the kinds the
                 *     dashboard's due, done, on-time and overdue figures count; false keeps the ad hoc ones.
                 */
                planned?: components["parameters"]["PlannedFilter"];
                /** @description Keep the inspections of the grids under this org unit (a grid, a station, a district). */
                org_unit_id?: components["parameters"]["InspectionUnitFilter"];
                /**
                 * @description A WGS-84 position as `lat,lng` in degrees; the list is then ordered by distance from it.
                 * @example 36.45,115.98
                 */
                near?: components["parameters"]["Near"];
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of inspections. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InspectionList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    createInspection: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInspectionRequest"];
            };
        };
        responses: {
            /** @description The inspection. */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getInspection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The inspection. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    startInspection: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartRequest"];
            };
        };
        responses: {
            /** @description The inspection, now in progress. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    submitInspection: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitRequest"];
            };
        };
        responses: {
            /** @description The inspection, now submitted. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    approveInspection: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReviewRequest"];
            };
        };
        responses: {
            /** @description The inspection, now approved. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    returnInspection: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewRequest"];
            };
        };
        responses: {
            /** @description The inspection, now returned. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Inspection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listHazards: {
        parameters: {
            query?: {
                /** @description Keep hazards with this status. */
                status?: components["parameters"]["HazardStatusFilter"];
                /** @description Keep hazards of this severity. */
                severity?: components["parameters"]["SeverityFilter"];
                /** @description true keeps open hazards past their deadline only; false leaves them out. */
                overdue?: components["parameters"]["HazardOverdueFilter"];
                /** @description Keep the entries of this venue. */
                venue_id?: components["parameters"]["VenueFilter"];
                /** @description Keep the entries of this grid. */
                grid_id?: components["parameters"]["GridFilter"];
                /** @description Keep the hazards found by this officer (the officer of the inspection that found them). */
                found_by?: string;
                /**
                 * @description Keep the hazards whose fix was recorded by the venue's owner (`owner`: with status=rectified,
                 *     the owners' fixes waiting for verification) or by staff (`staff`).
                 */
                rectified_by?: "owner" | "staff";
                /** @description Keep the hazards found on or after this day (the dashboard's `from`). */
                found_from?: string;
                /**
                 * @description Keep the hazards found on or before this day (the dashboard's `to`); before
                 *     `found_from` is a 422. With `overdue=true`, `found_from`, `found_to` and
                 *     `org_unit_id`, the list holds exactly the hazards the dashboard's overdue hazards
                 *     figure counts.
                 */
                found_to?: string;
                /** @description Keep the hazards of the grids under this unit. */
                org_unit_id?: string;
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of hazards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HazardList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getHazard: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hazard. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hazard"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    rectifyHazard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RectifyRequest"];
            };
        };
        responses: {
            /** @description The hazard, now rectified. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hazard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    verifyHazard: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyRequest"];
            };
        };
        responses: {
            /** @description The hazard, verified or open again. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hazard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listChecklistItems: {
        parameters: {
            query?: {
                /** @description Keep the items that apply to this venue category. */
                category?: components["schemas"]["Category"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The checklist items. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistItemList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getVocabulary: {
        parameters: {
            query?: never;
            header?: {
                /** @description The `ETag` of an answer kept; 304 when it is still current. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The vocabulary. */
            200: {
                headers: {
                    /** @description The vocabulary's entity tag (a hash of the body, quoted). */
                    ETag?: string;
                    /** @description `public, no-cache`: keep it, but ask with `If-None-Match` before using it. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Vocabulary"];
                };
            };
            /** @description The vocabulary kept under this `ETag` is current. */
            304: {
                headers: {
                    /** @description The vocabulary's entity tag. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            default: components["responses"]["Error"];
        };
    };
    uploadPhoto: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The photo.
                     */
                    file: Blob;
                    /**
                     * Format: uuid
                     * @description A client-made id for the photo.
                     */
                    id?: string;
                };
            };
        };
        responses: {
            /** @description The photo. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Photo"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            503: components["responses"]["StoreUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    getPhoto: {
        parameters: {
            query?: never;
            header?: {
                /** @description One byte range of the photo. */
                Range?: string;
                /** @description The ETag of the copy the client has part of; any other value sends the whole photo. */
                "If-Range"?: string;
                /** @description The ETag of the copy the client has. */
                "If-None-Match"?: string;
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The photo. */
            200: {
                headers: {
                    /** @description The photo's SHA-256 in hex, quoted. */
                    ETag?: string;
                    /** @description `private, max-age=31536000, immutable`. */
                    "Cache-Control"?: string;
                    /** @description `bytes`. */
                    "Accept-Ranges"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                    "image/png": string;
                    "image/heic": string;
                };
            };
            /** @description The range asked for. */
            206: {
                headers: {
                    /** @description `bytes a-b/size`. */
                    "Content-Range"?: string;
                    /** @description The photo's SHA-256 in hex, quoted. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                    "image/png": string;
                    "image/heic": string;
                };
            };
            /** @description With `S3_PRESIGN=true`, the photo is at `Location`, a presigned URL of the object store valid for `S3_PRESIGN_TTL`. */
            302: {
                headers: {
                    /** @description The presigned URL (GET only; send `Range` there to resume). */
                    Location?: string;
                    /** @description The photo's SHA-256 in hex, quoted. */
                    ETag?: string;
                    /** @description `private, no-store`: the URL expires. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The client's copy (If-None-Match) is this photo. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            /**
             * @description The caller may see this photo, but its bytes are missing from the photo store
             *     (`/problems/photo-gone`: lost, or a disk store not yet migrated to S3). A client that
             *     still has the photo uploads it again. Out of scope is 404, as always.
             */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The range is outside the photo; `Content-Range` says its size (`bytes *\/size`). */
            416: {
                headers: {
                    /** @description `bytes *\/size`. */
                    "Content-Range"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            503: components["responses"]["StoreUnavailable"];
            default: components["responses"]["Error"];
        };
    };
    syncChanges: {
        parameters: {
            query?: {
                /** @description The `next_cursor` of the previous answer. */
                since?: string;
                /** @description At most this many changes in one answer. */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The changes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Changes"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    reviewQueue: {
        parameters: {
            query?: {
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
                /** @description Only inspections, only hazards' fixes, or only extension requests. */
                type?: "inspection" | "hazard" | "extension";
                /** @description An inspection's kind, or a hazard's checklist code. */
                kind?: string;
                grid_id?: string;
                /** @description Who submitted the inspection or recorded the fix (a user's id). */
                by?: string;
                off_site?: boolean;
                major?: boolean;
                /** @description Submitted after the due date, or fixed after the deadline. */
                late?: boolean;
                sort?: "oldest" | "newest";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the queue. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QueueItemList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    statsOverview: {
        parameters: {
            query?: {
                /** @description Count under this org unit (in scope; 404 otherwise) instead of the caller's whole scope. */
                org_unit_id?: components["parameters"]["StatsOrgUnit"];
                /** @description The first day of the range (default 1 January of this year). */
                from?: components["parameters"]["StatsFrom"];
                /** @description The last day of the range (default today). The range may span at most ten years. */
                to?: components["parameters"]["StatsTo"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Stats"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    statsGrids: {
        parameters: {
            query?: {
                /** @description Count under this org unit (in scope; 404 otherwise) instead of the caller's whole scope. */
                org_unit_id?: components["parameters"]["StatsOrgUnit"];
                /** @description The first day of the range (default 1 January of this year). */
                from?: components["parameters"]["StatsFrom"];
                /** @description The last day of the range (default today). The range may span at most ten years. */
                to?: components["parameters"]["StatsTo"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The figures of each grid. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatsList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    statsTrends: {
        parameters: {
            query?: {
                /** @description The unit (in scope; 404 otherwise); the caller's own unit by default. */
                org_unit_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The trends. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Trends"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    countInspectionLedger: {
        parameters: {
            query?: {
                /** @description Keep the caller's open work that nobody else has taken. */
                mine?: boolean;
                /**
                 * @description Keep inspections with one of these statuses: comma-separated (`status=a,b`, as
                 *     declared), or the parameter repeated (`status=a&status=b`), or both.
                 */
                status?: components["schemas"]["InspectionStatus"][];
                /** @description true keeps overdue inspections only; false leaves them out. */
                overdue?: boolean;
                /** @description Keep inspections of this kind. */
                kind?: components["schemas"]["InspectionKind"];
                /** @description Keep the entries of this venue. */
                venue_id?: components["parameters"]["VenueFilter"];
                /** @description Keep the entries of this grid. */
                grid_id?: components["parameters"]["GridFilter"];
                /** @description Keep inspections due before this date. */
                due_before?: string;
                /**
                 * @description true keeps the schedule's inspections (every kind but `ad_hoc`), the kinds the
                 *     dashboard's due, done, on-time and overdue figures count; false keeps the ad hoc ones.
                 */
                planned?: components["parameters"]["PlannedFilter"];
                /** @description Keep the inspections of the grids under this org unit (a grid, a station, a district). */
                org_unit_id?: components["parameters"]["InspectionUnitFilter"];
                /**
                 * @description The first day the ledger covers (inclusive): inspections due on or after it, hazards and
                 *     documents made on or after it (in the service's time zone). A monthly ledger is the common
                 *     case (`from=2026-11-01&to=2026-11-30`); the title row names the period.
                 */
                from?: components["parameters"]["LedgerFrom"];
                /** @description The last day the ledger covers (inclusive); 422 when before `from`. */
                to?: components["parameters"]["LedgerTo"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The count and the title. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerCount"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    exportInspections: {
        parameters: {
            query?: {
                /** @description Keep the caller's open work that nobody else has taken. */
                mine?: boolean;
                /**
                 * @description Keep inspections with one of these statuses: comma-separated (`status=a,b`, as
                 *     declared), or the parameter repeated (`status=a&status=b`), or both.
                 */
                status?: components["schemas"]["InspectionStatus"][];
                /** @description true keeps overdue inspections only; false leaves them out. */
                overdue?: boolean;
                /** @description Keep inspections of this kind. */
                kind?: components["schemas"]["InspectionKind"];
                /** @description Keep the entries of this venue. */
                venue_id?: components["parameters"]["VenueFilter"];
                /** @description Keep the entries of this grid. */
                grid_id?: components["parameters"]["GridFilter"];
                /** @description Keep inspections due before this date. */
                due_before?: string;
                /**
                 * @description true keeps the schedule's inspections (every kind but `ad_hoc`), the kinds the
                 *     dashboard's due, done, on-time and overdue figures count; false keeps the ad hoc ones.
                 */
                planned?: components["parameters"]["PlannedFilter"];
                /** @description Keep the inspections of the grids under this org unit (a grid, a station, a district). */
                org_unit_id?: components["parameters"]["InspectionUnitFilter"];
                /**
                 * @description The first day the ledger covers (inclusive): inspections due on or after it, hazards and
                 *     documents made on or after it (in the service's time zone). A monthly ledger is the common
                 *     case (`from=2026-11-01&to=2026-11-30`); the title row names the period.
                 */
                from?: components["parameters"]["LedgerFrom"];
                /** @description The last day the ledger covers (inclusive); 422 when before `from`. */
                to?: components["parameters"]["LedgerTo"];
            };
            header?: never;
            path: {
                /** @description The file format (others answer 404). */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Ledger"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyStreams"];
            503: components["responses"]["StreamsBusy"];
            default: components["responses"]["Error"];
        };
    };
    countHazardLedger: {
        parameters: {
            query?: {
                /** @description Keep hazards with this status. */
                status?: components["parameters"]["HazardStatusFilter"];
                /** @description Keep hazards of this severity. */
                severity?: components["parameters"]["SeverityFilter"];
                /** @description true keeps open hazards past their deadline only; false leaves them out. */
                overdue?: components["parameters"]["HazardOverdueFilter"];
                /** @description Keep the entries of this venue. */
                venue_id?: components["parameters"]["VenueFilter"];
                /** @description Keep the entries of this grid. */
                grid_id?: components["parameters"]["GridFilter"];
                /**
                 * @description The first day the ledger covers (inclusive): inspections due on or after it, hazards and
                 *     documents made on or after it (in the service's time zone). A monthly ledger is the common
                 *     case (`from=2026-11-01&to=2026-11-30`); the title row names the period.
                 */
                from?: components["parameters"]["LedgerFrom"];
                /** @description The last day the ledger covers (inclusive); 422 when before `from`. */
                to?: components["parameters"]["LedgerTo"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The count and the title. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerCount"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    exportHazards: {
        parameters: {
            query?: {
                /** @description Keep hazards with this status. */
                status?: components["parameters"]["HazardStatusFilter"];
                /** @description Keep hazards of this severity. */
                severity?: components["parameters"]["SeverityFilter"];
                /** @description true keeps open hazards past their deadline only; false leaves them out. */
                overdue?: components["parameters"]["HazardOverdueFilter"];
                /** @description Keep the entries of this venue. */
                venue_id?: components["parameters"]["VenueFilter"];
                /** @description Keep the entries of this grid. */
                grid_id?: components["parameters"]["GridFilter"];
                /**
                 * @description The first day the ledger covers (inclusive): inspections due on or after it, hazards and
                 *     documents made on or after it (in the service's time zone). A monthly ledger is the common
                 *     case (`from=2026-11-01&to=2026-11-30`); the title row names the period.
                 */
                from?: components["parameters"]["LedgerFrom"];
                /** @description The last day the ledger covers (inclusive); 422 when before `from`. */
                to?: components["parameters"]["LedgerTo"];
            };
            header?: never;
            path: {
                /** @description The file format (others answer 404). */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Ledger"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyStreams"];
            503: components["responses"]["StreamsBusy"];
            default: components["responses"]["Error"];
        };
    };
    listAudit: {
        parameters: {
            query?: {
                /**
                 * @description Keep entries about this kind of resource (org_unit, user, venue, reclassification, inspection, hazard, photo,
                 *     policy, calendar, schedule_run). A generation run is one `schedule_run` entry (admins only: it has no grid);
                 *     the routine inspections it made have created_at equal to the run's started_at.
                 */
                entity?: string;
                /** @description Keep entries about this resource. */
                entity_id?: string;
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the audit trail. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listDocuments: {
        parameters: {
            query?: {
                /** @description Keep the entries of this venue. */
                venue_id?: components["parameters"]["VenueFilter"];
                inspection_id?: string;
                /** @description Keep the documents of this unit's grids. */
                org_unit_id?: string;
                kind?: components["schemas"]["DocumentKind"];
                /** @description One status or several, comma-separated. */
                status?: string;
                /** @description Unserved (draft or issued) and past `serve_by`. */
                overdue?: boolean;
                /** @description Keep the documents the caller made. */
                mine?: boolean;
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of documents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    getDocumentPDF: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF. */
            200: {
                headers: {
                    /** @description `inline`, with the number as the Chinese file name in `filename*`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    serveDocument: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceRequest"];
            };
        };
        responses: {
            /** @description The document, now served. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    voidDocument: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoidRequest"];
            };
        };
        responses: {
            /** @description The document, now void. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    reissueDocument: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoidRequest"];
            };
        };
        responses: {
            /** @description The copy made by the same request before. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            /** @description The copy, issued under a new number. */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    issueDocument: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document, now issued. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Error"];
        };
    };
    getDocumentTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["schemas"]["DocumentKind"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentTemplate"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    putDocumentTemplate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                kind: components["schemas"]["DocumentKind"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DocumentTemplateRequest"];
            };
        };
        responses: {
            /** @description The template as it is now. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentTemplate"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    requestExtension: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtensionRequest"];
            };
        };
        responses: {
            /** @description The request, pending. */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Extension"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getExtension: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The request. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Extension"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    approveExtension: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DecisionRequest"];
            };
        };
        responses: {
            /** @description The request, approved. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Extension"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    rejectExtension: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionRequest"];
            };
        };
        responses: {
            /** @description The request, rejected. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Extension"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    recordServiceConsent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceConsentRequest"];
            };
        };
        responses: {
            /** @description The consent. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceConsent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    putChecklistItem: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChecklistItemRequest"];
            };
        };
        responses: {
            /** @description The item as it is now. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChecklistItem"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    countDocumentLedger: {
        parameters: {
            query?: {
                /** @description Keep the entries of this venue. */
                venue_id?: components["parameters"]["VenueFilter"];
                kind?: components["schemas"]["DocumentKind"];
                status?: string;
                overdue?: boolean;
                org_unit_id?: string;
                /**
                 * @description The first day the ledger covers (inclusive): inspections due on or after it, hazards and
                 *     documents made on or after it (in the service's time zone). A monthly ledger is the common
                 *     case (`from=2026-11-01&to=2026-11-30`); the title row names the period.
                 */
                from?: components["parameters"]["LedgerFrom"];
                /** @description The last day the ledger covers (inclusive); 422 when before `from`. */
                to?: components["parameters"]["LedgerTo"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The count and the title. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LedgerCount"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    exportDocuments: {
        parameters: {
            query?: {
                /** @description Keep the entries of this venue. */
                venue_id?: components["parameters"]["VenueFilter"];
                kind?: components["schemas"]["DocumentKind"];
                status?: string;
                overdue?: boolean;
                org_unit_id?: string;
                /**
                 * @description The first day the ledger covers (inclusive): inspections due on or after it, hazards and
                 *     documents made on or after it (in the service's time zone). A monthly ledger is the common
                 *     case (`from=2026-11-01&to=2026-11-30`); the title row names the period.
                 */
                from?: components["parameters"]["LedgerFrom"];
                /** @description The last day the ledger covers (inclusive); 422 when before `from`. */
                to?: components["parameters"]["LedgerTo"];
            };
            header?: never;
            path: {
                /** @description `csv` or `xlsx`: the ledger; `zip`: the documents' PDFs in one archive (others answer 404). */
                format: "csv" | "xlsx" | "zip";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ledger or the archive, as a file to save. */
            200: {
                headers: {
                    /** @description `attachment` with a file name such as `documents-2026-05-01.csv`, and its Chinese name in `filename*`. */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/zip": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    createPublicReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The venue's public code (场所码). */
                public_code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublicReportRequest"];
                "multipart/form-data": {
                    kind: components["schemas"]["ReportKind"];
                    text: string;
                    reporter_phone?: string;
                    /** Format: binary */
                    photo?: Blob;
                };
            };
        };
        responses: {
            /** @description Received. The tracking code is shown this once; only its hash is kept. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedReport"];
                };
            };
            /** @description (form posts from a browser) to the tracking page. */
            303: {
                headers: {
                    Location?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    getPublicReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tracking_code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report's progress. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicReport"];
                };
            };
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    rotatePublicCode: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The venue with its new code. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Venue"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    getVenueSticker: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    getStickers: {
        parameters: {
            query: {
                /** @description A grid or station (or any unit) in scope. */
                org_unit_id: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listReports: {
        parameters: {
            query?: {
                status?: components["schemas"]["ReportStatus"];
                /** @description true keeps reports not checked and past their due time; false the others. */
                overdue?: boolean;
                /** @description Keep the reports of the grids under this unit. */
                org_unit_id?: string;
                venue_id?: string;
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of reports. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReportList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    createReport: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReportRequest"];
            };
        };
        responses: {
            /** @description The report, with its tracking code shown this once. */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedReport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    createReportVenue: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReportVenueRequest"];
            };
        };
        responses: {
            /** @description The report, with its venue and inspection. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    linkReportVenue: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkReportRequest"];
            };
        };
        responses: {
            /** @description The report, with its venue and inspection. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    closeReport: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CloseReportRequest"];
            };
        };
        responses: {
            /** @description The report, checked. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Report"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    listWebhooks: {
        parameters: {
            query?: {
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of subscriptions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookRequest"];
            };
        };
        responses: {
            /** @description The subscription, with its secret. */
            201: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    getWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The subscription, without its secret. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    patchWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The version the change is based on: the `ETag` of your read (`"3"`; `W/"3"` and `3` are
                 *     understood too). Either this header or the body's `version` is required (428 when neither
                 *     is given); when both are given they must agree (422). A version that is no longer current
                 *     answers 412 and changes nothing.
                 */
                "If-Match"?: components["parameters"]["IfMatch"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PatchWebhookRequest"];
            };
        };
        responses: {
            /** @description The subscription as it is now. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Webhook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["ValidationFailed"];
            428: components["responses"]["PreconditionRequired"];
            default: components["responses"]["Error"];
        };
    };
    rotateWebhookSecret: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateSecretRequest"];
            };
        };
        responses: {
            /** @description The subscription, with its new secret. */
            200: {
                headers: {
                    ETag: components["headers"]["ETag"];
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    testWebhook: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, queued. */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    listDeliveries: {
        parameters: {
            query?: {
                /** @description Keep deliveries with this status. */
                status?: components["schemas"]["DeliveryStatus"];
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of deliveries. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeliveryList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    retryDelivery: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The delivery, pending again. */
            202: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Delivery"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Error"];
        };
    };
    listOwnerInvites: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["OwnerInvite"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    createOwnerInvite: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitation, with its link, token and QR code. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerInviteCreated"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Error"];
        };
    };
    revokeOwnerInvite: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The invitation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerInvite"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Error"];
        };
    };
    listOwnerSessions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sessions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["OwnerSession"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    revokeOwnerSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session, revoked. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerSession"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    listVenueSelfInspections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The self-inspections. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfInspectionList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    sendOwnerCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation link's token. */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The code was sent. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerCodeSent"];
                };
            };
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            default: components["responses"]["Error"];
        };
    };
    confirmOwnerCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The invitation link's token. */
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example 123456 */
                    code: string;
                };
            };
        };
        responses: {
            /** @description The owner session; the cookie is set. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerSession"];
                };
            };
            400: components["responses"]["BadRequest"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    ownerHome: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The venue. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OwnerHome"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    ownerLogout: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ended. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            default: components["responses"]["Error"];
        };
    };
    ownerHazards: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hazards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["Hazard"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    ownerFix: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    description: string;
                    photo_ids: string[];
                };
            };
        };
        responses: {
            /** @description The hazard. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hazard"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    ownerReinspectionRequest: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The hazard, with reinspection_requested_on. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hazard"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            default: components["responses"]["Error"];
        };
    };
    ownerExtension: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtensionRequest"];
            };
        };
        responses: {
            /** @description The extension request. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Extension"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    ownerDocuments: {
        parameters: {
            query?: {
                /** @description The page size. */
                limit?: components["parameters"]["Limit"];
                /** @description The `next_cursor` of the previous page; a cursor this list did not give out answers 422. */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The documents. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    ownerDocument: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ownerDocumentPDF: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
    ownerSign: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    method: "in_person" | "electronic";
                    received_by?: string;
                    /** Format: uuid */
                    signature_photo_id?: string;
                };
            };
        };
        responses: {
            /** @description The document, served. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Document"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    ownerServiceConsent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ServiceConsentRequest"];
            };
        };
        responses: {
            /** @description The consent. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceConsent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    ownerChecklist: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The items. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["ChecklistItem"][];
                    };
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    ownerSelfInspections: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The self-inspections. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfInspectionList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            default: components["responses"]["Error"];
        };
    };
    fileSelfInspection: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: uuid */
                    id?: string;
                    checklist: components["schemas"]["ChecklistAnswer"][];
                    notes?: string;
                };
            };
        };
        responses: {
            /** @description The self-inspection. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfInspection"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    ownerUploadPhoto: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A key the client makes for this request (a UUID is a good choice), so that it can be
                 *     retried safely. The first response to a key is stored for 24 hours, per caller, and
                 *     replayed (with `Idempotent-Replayed: true`) when the same key comes again with the same
                 *     URL and body. The same key with another payload answers 422; the same key while the first
                 *     request is still running answers 409. Server errors (5xx) and 429 are not stored, so a
                 *     retry runs again. A key that is not 1-255 printable ASCII characters answers 400.
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file: Blob;
                    /** Format: uuid */
                    id?: string;
                };
            };
        };
        responses: {
            /** @description The photo. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Photo"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            default: components["responses"]["Error"];
        };
    };
    ownerGetPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The resource's id. One that is not a UUID, or names nothing in your scope, answers 404. */
                id: components["parameters"]["ID"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The photo's bytes. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/*": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            default: components["responses"]["Error"];
        };
    };
}
