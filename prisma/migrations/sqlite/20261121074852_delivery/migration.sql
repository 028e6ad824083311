-- AlterTable
ALTER TABLE "Story" ADD COLUMN "fanoutAt" DATETIME;
ALTER TABLE "Story" ADD COLUMN "summary" TEXT;
ALTER TABLE "Story" ADD COLUMN "url" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN "claimToken" TEXT;

-- CreateIndex
CREATE INDEX "Outbox_targetId_kind_createdAt_idx" ON "Outbox"("targetId", "kind", "createdAt");
