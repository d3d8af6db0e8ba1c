-- Indexes for the analytics endpoints of API.md. Every workspace query filters
-- by workspace and a time window, so (workspace_id, created_at) leads. Contact
-- events get one index, not one per access path: event_type rides along so a
-- typed window query (funnel steps, bookings, room joins) filters inside the
-- index without touching the table; a second (workspace, type, time) index cost
-- 1.1 s per million imported events. Lifetime per-type counts are the job of
-- rollups (the API issue), not of a second index.

CREATE INDEX contact_events_workspace_time
  ON contact_events (workspace_id, created_at, event_type);
CREATE INDEX contacts_workspace_time ON contacts (workspace_id, created_at);
CREATE INDEX rooms_workspace ON rooms (workspace_id);
CREATE INDEX recordings_room ON recordings (room_id);
CREATE INDEX booking_pages_workspace ON booking_pages (workspace_id);
CREATE INDEX campaigns_workspace ON campaigns (workspace_id);
CREATE INDEX enrollments_campaign_time ON enrollments (campaign_id, enrolled_at);
CREATE INDEX ab_tests_campaign ON ab_tests (campaign_id);
CREATE INDEX ab_variants_test ON ab_variants (ab_test_id);
CREATE INDEX messages_workspace_time ON messages (workspace_id, created_at);
CREATE INDEX messages_campaign_time ON messages (campaign_id, created_at);
CREATE INDEX spaces_organisation ON spaces (organisation_id);
CREATE INDEX tasks_space ON tasks (space_id);
CREATE INDEX calls_space ON calls (space_id);
CREATE INDEX bookings_created ON bookings (created_at);
CREATE INDEX bookings_status_end ON bookings (status, end_time);
CREATE INDEX bookings_status_start ON bookings (status, start_time);
CREATE INDEX bookings_group ON bookings (group_id) WHERE group_id IS NOT NULL;
CREATE INDEX booking_activities_created ON booking_activities (created_at, id);
