-- The outbox (SPEC §15) is filled by triggers, so every change that records an activity or a
-- notification writes its outbox row in the same statement, and so in the same D1 batch: a change
-- that fails leaves none, and no code path can forget one. Ids derive from the source row's id, so
-- the rows are stable; the queue consumer (worker/outbox/queue.ts) fans them out.

-- Every in-app notification may also go out by e-mail or Slack, per the recipient's preferences.
CREATE TRIGGER outbox_from_notification AFTER INSERT ON notifications
BEGIN
  INSERT INTO outbox (id, type, data, recipient_id, challenge_id, created_at)
  VALUES (
    'obx_' || NEW.id,
    'notification',
    json_object('notificationId', NEW.id, 'kind', NEW.kind, 'actorId', NEW.actor_id, 'data', json(NEW.data)),
    NEW.recipient_id,
    NEW.challenge_id,
    NEW.created_at
  )
  ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- The event catalogue (worker/outbox/catalogue.ts): activities that webhooks and org-wide channels hear.
CREATE TRIGGER outbox_from_activity AFTER INSERT ON activities
WHEN NEW.action IN ('published', 'funded', 'pledged', 'pledge_withdrawn', 'applied', 'application_accepted',
  'application_declined', 'lend_approved', 'lend_declined', 'credit_confirmed', 'submitted', 'reviewed',
  'decided', 'person_deactivated', 'showcase_event_scheduled')
BEGIN
  INSERT INTO outbox (id, type, data, challenge_id, created_at)
  SELECT
    'obx_' || NEW.id,
    CASE NEW.action
      WHEN 'published' THEN 'challenge.published'
      WHEN 'funded' THEN 'challenge.funded'
      WHEN 'pledged' THEN 'pledge.created'
      WHEN 'pledge_withdrawn' THEN 'pledge.withdrawn'
      WHEN 'applied' THEN 'application.created'
      WHEN 'application_accepted' THEN 'application.decided'
      WHEN 'application_declined' THEN 'application.decided'
      WHEN 'lend_approved' THEN 'lend.decided'
      WHEN 'lend_declined' THEN 'lend.decided'
      WHEN 'credit_confirmed' THEN 'contribution.confirmed'
      WHEN 'submitted' THEN 'showcase.submitted'
      WHEN 'reviewed' THEN 'review.created'
      WHEN 'decided' THEN 'decision.recorded'
      WHEN 'person_deactivated' THEN 'person.deactivated'
      WHEN 'showcase_event_scheduled' THEN 'showcase.scheduled'
    END,
    json_object(
      'activityId', NEW.id,
      'action', NEW.action,
      'actorId', NEW.actor_id,
      'challenge', CASE WHEN c.id IS NULL THEN NULL ELSE json_object('id', c.id, 'title', c.title, 'stage', c.stage) END,
      'detail', json(NEW.detail)
    ),
    NEW.challenge_id,
    NEW.created_at
  FROM (SELECT 1) LEFT JOIN challenges c ON c.id = NEW.challenge_id
  WHERE true
  ON CONFLICT DO NOTHING;
END;
--> statement-breakpoint
-- Every move between stages is also `challenge.stage_changed` (a draft's creation is not).
CREATE TRIGGER outbox_from_stage_move AFTER INSERT ON activities
WHEN NEW.action IN ('published', 'funded', 'started', 'submitted', 'decided', 'withdrawn', 'merged_into', 'archived')
BEGIN
  INSERT INTO outbox (id, type, data, challenge_id, created_at)
  SELECT
    'obx_stage_' || NEW.id,
    'challenge.stage_changed',
    json_object(
      'activityId', NEW.id,
      'action', NEW.action,
      'actorId', NEW.actor_id,
      'challenge', CASE WHEN c.id IS NULL THEN NULL ELSE json_object('id', c.id, 'title', c.title, 'stage', c.stage) END,
      'from', json_extract(NEW.detail, '$.from'),
      'to', json_extract(NEW.detail, '$.to')
    ),
    NEW.challenge_id,
    NEW.created_at
  FROM (SELECT 1) LEFT JOIN challenges c ON c.id = NEW.challenge_id
  WHERE true
  ON CONFLICT DO NOTHING;
END;
