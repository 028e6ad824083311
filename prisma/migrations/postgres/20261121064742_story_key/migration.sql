-- AlterTable
ALTER TABLE "Story" ADD COLUMN     "categories" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "countries" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "key" TEXT NOT NULL,
ADD COLUMN     "outlets" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "outletsPerHour" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "Story_key_key" ON "Story"("key");
