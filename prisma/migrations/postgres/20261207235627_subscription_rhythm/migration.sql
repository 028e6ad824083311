-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "rhythm" TEXT NOT NULL DEFAULT 'daily',
ADD COLUMN     "secondTime" TEXT,
ADD COLUMN     "weekday" INTEGER;
