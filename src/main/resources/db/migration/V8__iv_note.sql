-- The nurse's note on IV access ("22G left hand, second attempt"), kept for the next infusion and after a purge.
ALTER TABLE visit ADD COLUMN iv_note VARCHAR(300);
ALTER TABLE visit ADD COLUMN iv_note_by VARCHAR(100);
