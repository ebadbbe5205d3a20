-- A progression plan stays with its person when their manager changes (SPEC §16), and the new
-- manager is asked to acknowledge it. Every path that changes a manager (the admin's edit, SCIM,
-- the CSV import) only updates people.manager_id, so a trigger asks for them all, in the same
-- statement as the change. ON CONFLICT DO NOTHING, not OR IGNORE: an outer upsert (the people
-- import) would override OR IGNORE (migration 0021).
CREATE TRIGGER plan_manager_changed AFTER UPDATE OF manager_id ON people
WHEN NEW.manager_id IS NOT NULL AND NEW.manager_id IS NOT OLD.manager_id
BEGIN
  INSERT INTO notifications (id, recipient_id, kind, challenge_id, actor_id, data)
  SELECT
    'ntf_' || lower(hex(randomblob(10))),
    NEW.manager_id,
    'plan_acknowledge',
    NULL,
    NULL,
    json_object('personId', NEW.id, 'personName', NEW.name, 'version', pp.version, 'reason', 'new_manager')
  FROM progression_plans pp
  WHERE pp.person_id = NEW.id
  ON CONFLICT DO NOTHING;
END;
