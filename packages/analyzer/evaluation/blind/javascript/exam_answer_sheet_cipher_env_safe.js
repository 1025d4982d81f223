// expect: safe
const crypto = require("crypto");

function sheetKey() {
  const key = Buffer.from(process.env.ANSWER_SHEET_KEY || "", "base64");
  if (key.length !== 32) {
    throw new Error("ANSWER_SHEET_KEY must be 32 bytes, base64 encoded");
  }
  return key;
}

function aadFor(sheet) {
  return Buffer.from(`${sheet.examId}:${sheet.candidateId}`);
}

function sealAnswerSheet(sheet) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", sheetKey(), iv);
  cipher.setAAD(aadFor(sheet));
  const body = Buffer.concat([cipher.update(JSON.stringify(sheet.answers), "utf8"), cipher.final()]);
  return {
    examId: sheet.examId,
    candidateId: sheet.candidateId,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    body: body.toString("base64"),
  };
}

function openAnswerSheet(sealed) {
  const decipher = crypto.createDecipheriv("aes-256-gcm", sheetKey(), Buffer.from(sealed.iv, "base64"));
  decipher.setAAD(aadFor(sealed));
  decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.body, "base64")), decipher.final()]);
  return { examId: sealed.examId, candidateId: sealed.candidateId, answers: JSON.parse(plain.toString("utf8")) };
}

module.exports = { sealAnswerSheet, openAnswerSheet };
