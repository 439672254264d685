-- +goose Up
-- An order (责令立即改正 / 责令限期改正通知书) carries an owner invitation on
-- its paper while the venue has no owner in Jiuxiao (models/owner_print.go).
-- A printed invitation's token is not stored either: it is derived from the
-- invitation's id with the service's key, so that every printing of the
-- paper shows the same QR code, and this table keeps its hash as for every
-- invitation. Orders of one venue share the invitation while it is open.
ALTER TABLE owner_invites ADD COLUMN printed boolean NOT NULL DEFAULT false;
ALTER TABLE documents ADD COLUMN owner_invite_id uuid REFERENCES owner_invites (id);
CREATE INDEX owner_invites_printed_idx ON owner_invites (venue_id, created_at DESC) WHERE printed AND used_at IS NULL AND revoked_at IS NULL;

-- +goose Down
DROP INDEX owner_invites_printed_idx;
ALTER TABLE documents DROP COLUMN owner_invite_id;
ALTER TABLE owner_invites DROP COLUMN printed;
