-- CreateTable
CREATE TABLE "WebSubSubscription" (
    "feedId" TEXT NOT NULL,
    "hubUrl" TEXT NOT NULL,
    "topicUrl" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "leaseExpiresAt" TIMESTAMP(3),
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verifiedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebSubSubscription_pkey" PRIMARY KEY ("feedId")
);

-- CreateIndex
CREATE INDEX "WebSubSubscription_leaseExpiresAt_idx" ON "WebSubSubscription"("leaseExpiresAt");

-- AddForeignKey
ALTER TABLE "WebSubSubscription" ADD CONSTRAINT "WebSubSubscription_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "Feed"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
