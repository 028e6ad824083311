-- CreateIndex
CREATE INDEX "Outbox_claimToken_idx" ON "Outbox"("claimToken");
