// expect: S005
const crypto = require("crypto");
const { S3Client, PutObjectCommand } = require("@aws-sdk/client-s3");
const { getSignedUrl } = require("@aws-sdk/s3-request-presigner");
const { GetObjectCommand } = require("@aws-sdk/client-s3");

const RECEIPTS_BUCKET = process.env.RECEIPTS_BUCKET || "expense-receipts-prod";

const s3 = new S3Client({
  region: "eu-west-1",
  credentials: {
    accessKeyId: "AKIAQ3EGT7WZ5LN2XK4D",
    secretAccessKey: "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",
  },
});

function receiptKey(employeeId, originalName) {
  const ext = (originalName.match(/\.(pdf|png|jpe?g)$/i) || [".bin"])[0].toLowerCase();
  return `receipts/${Number(employeeId)}/${crypto.randomUUID()}${ext}`;
}

async function uploadReceipt(employeeId, file) {
  const Key = receiptKey(employeeId, file.originalname);
  await s3.send(
    new PutObjectCommand({
      Bucket: RECEIPTS_BUCKET,
      Key,
      Body: file.buffer,
      ContentType: file.mimetype,
      ServerSideEncryption: "aws:kms",
    })
  );
  return Key;
}

async function receiptDownloadUrl(key) {
  return getSignedUrl(s3, new GetObjectCommand({ Bucket: RECEIPTS_BUCKET, Key: key }), { expiresIn: 300 });
}

module.exports = { uploadReceipt, receiptDownloadUrl };
