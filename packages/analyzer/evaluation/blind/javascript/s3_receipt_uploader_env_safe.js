// expect: safe
const crypto = require("crypto");
const { S3Client, PutObjectCommand, GetObjectCommand } = require("@aws-sdk/client-s3");
const { getSignedUrl } = require("@aws-sdk/s3-request-presigner");

const RECEIPTS_BUCKET = process.env.RECEIPTS_BUCKET || "expense-receipts-prod";
const AWS_ACCESS_KEY_ENV = "AWS_ACCESS_KEY_ID";

if (!process.env[AWS_ACCESS_KEY_ENV] && !process.env.AWS_WEB_IDENTITY_TOKEN_FILE) {
  console.warn("no static AWS credentials in env; relying on the instance role");
}

// credentials come from the default provider chain (env vars, SSO, or the task role)
const s3 = new S3Client({ region: process.env.AWS_REGION || "eu-west-1" });

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
