-- AlterTable
ALTER TABLE "Outbox" ADD COLUMN     "partsSent" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "payloadId" INTEGER,
ALTER COLUMN "payload" SET DEFAULT '';

-- CreateTable
CREATE TABLE "OutboxPayload" (
    "id" SERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxPayload_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OutboxPayload_hash_key" ON "OutboxPayload"("hash");

-- AddForeignKey
ALTER TABLE "Outbox" ADD CONSTRAINT "Outbox_payloadId_fkey" FOREIGN KEY ("payloadId") REFERENCES "OutboxPayload"("id") ON DELETE SET NULL ON UPDATE CASCADE;
