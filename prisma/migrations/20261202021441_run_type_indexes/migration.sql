-- CreateIndex
CREATE INDEX "error_logs_run_id_error_type_idx" ON "error_logs"("run_id", "error_type");

-- CreateIndex
CREATE INDEX "event_logs_run_id_event_type_idx" ON "event_logs"("run_id", "event_type");
