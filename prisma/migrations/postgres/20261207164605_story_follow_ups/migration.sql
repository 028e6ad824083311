-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "fanoutOutlets" TEXT,
ADD COLUMN     "followupAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Story_fanoutAt_idx" ON "Story"("fanoutAt");

-- CreateIndex
CREATE INDEX "Outbox_dedupeKey_idx" ON "Outbox"("dedupeKey");
