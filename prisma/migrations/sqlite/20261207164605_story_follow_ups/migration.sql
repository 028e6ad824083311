-- AlterTable
ALTER TABLE "Story" ADD COLUMN "fanoutOutlets" TEXT;
ALTER TABLE "Story" ADD COLUMN "followupAt" DATETIME;

-- CreateIndex
CREATE INDEX "Story_fanoutAt_idx" ON "Story"("fanoutAt");

-- CreateIndex
CREATE INDEX "Outbox_dedupeKey_idx" ON "Outbox"("dedupeKey");
