-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "fanoutAt" TIMESTAMP(3),
ADD COLUMN     "summary" TEXT,
ADD COLUMN     "url" TEXT;

-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "claimToken" TEXT;

-- CreateIndex
CREATE INDEX "Outbox_targetId_kind_createdAt_idx" ON "Outbox"("targetId", "kind", "createdAt");
