-- challenges.responded_at (SPEC §8's response clock): the first pledge or the first comment by a
-- reviewer, whichever came first; null while a challenge waits. Kept here, in the statement of every
-- change that can move it, so the dashboard and the daily cron find challenges waiting past the
-- deadline as one range of a partial index instead of checking every open challenge.
-- Each trigger recomputes the value from the facts, so it is always exactly what they give.
UPDATE challenges SET responded_at = (SELECT MIN(t) FROM (
      SELECT p.created_at AS t FROM pledges p WHERE p.challenge_id = challenges.id
      UNION ALL
      SELECT cm.created_at FROM comments cm WHERE cm.challenge_id = challenges.id
        AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = cm.author_id AND r.role = 'reviewer')));
--> statement-breakpoint
CREATE TRIGGER responded_at_pledge_insert AFTER INSERT ON pledges
BEGIN
  UPDATE challenges SET responded_at = (SELECT MIN(t) FROM (
      SELECT p.created_at AS t FROM pledges p WHERE p.challenge_id = NEW.challenge_id
      UNION ALL
      SELECT cm.created_at FROM comments cm WHERE cm.challenge_id = NEW.challenge_id
        AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = cm.author_id AND r.role = 'reviewer')))
  WHERE id = NEW.challenge_id;
END;
--> statement-breakpoint
-- A merge moves pledges and comments between challenges.
CREATE TRIGGER responded_at_pledge_move AFTER UPDATE OF challenge_id ON pledges
WHEN NEW.challenge_id IS NOT OLD.challenge_id
BEGIN
  UPDATE challenges SET responded_at = (SELECT MIN(t) FROM (
      SELECT p.created_at AS t FROM pledges p WHERE p.challenge_id = challenges.id
      UNION ALL
      SELECT cm.created_at FROM comments cm WHERE cm.challenge_id = challenges.id
        AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = cm.author_id AND r.role = 'reviewer')))
  WHERE id IN (NEW.challenge_id, OLD.challenge_id);
END;
--> statement-breakpoint
CREATE TRIGGER responded_at_comment_insert AFTER INSERT ON comments
WHEN EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = NEW.author_id AND r.role = 'reviewer')
BEGIN
  UPDATE challenges SET responded_at = (SELECT MIN(t) FROM (
      SELECT p.created_at AS t FROM pledges p WHERE p.challenge_id = NEW.challenge_id
      UNION ALL
      SELECT cm.created_at FROM comments cm WHERE cm.challenge_id = NEW.challenge_id
        AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = cm.author_id AND r.role = 'reviewer')))
  WHERE id = NEW.challenge_id;
END;
--> statement-breakpoint
CREATE TRIGGER responded_at_comment_move AFTER UPDATE OF challenge_id ON comments
WHEN NEW.challenge_id IS NOT OLD.challenge_id
BEGIN
  UPDATE challenges SET responded_at = (SELECT MIN(t) FROM (
      SELECT p.created_at AS t FROM pledges p WHERE p.challenge_id = challenges.id
      UNION ALL
      SELECT cm.created_at FROM comments cm WHERE cm.challenge_id = challenges.id
        AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = cm.author_id AND r.role = 'reviewer')))
  WHERE id IN (NEW.challenge_id, OLD.challenge_id);
END;
--> statement-breakpoint
-- Whether a comment counts depends on its author being a reviewer now, as the clock has always read it.
CREATE TRIGGER responded_at_reviewer_added AFTER INSERT ON person_roles
WHEN NEW.role = 'reviewer'
BEGIN
  UPDATE challenges SET responded_at = (SELECT MIN(t) FROM (
      SELECT p.created_at AS t FROM pledges p WHERE p.challenge_id = challenges.id
      UNION ALL
      SELECT cm.created_at FROM comments cm WHERE cm.challenge_id = challenges.id
        AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = cm.author_id AND r.role = 'reviewer')))
  WHERE id IN (SELECT challenge_id FROM comments WHERE author_id = NEW.person_id);
END;
--> statement-breakpoint
CREATE TRIGGER responded_at_reviewer_removed AFTER DELETE ON person_roles
WHEN OLD.role = 'reviewer'
BEGIN
  UPDATE challenges SET responded_at = (SELECT MIN(t) FROM (
      SELECT p.created_at AS t FROM pledges p WHERE p.challenge_id = challenges.id
      UNION ALL
      SELECT cm.created_at FROM comments cm WHERE cm.challenge_id = challenges.id
        AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = cm.author_id AND r.role = 'reviewer')))
  WHERE id IN (SELECT challenge_id FROM comments WHERE author_id = OLD.person_id);
END;
