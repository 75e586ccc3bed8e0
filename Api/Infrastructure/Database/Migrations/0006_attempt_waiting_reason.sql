-- Why a started attempt does not run yet (FailedScheduling, ImagePullBackOff, ...), as its executor last saw it.
ALTER TABLE attempts ADD COLUMN waiting_reason text;
