// expect: S036
const crypto = require("crypto");

const SHEET_KEY = Buffer.from("3f9a1c7e5b2d8046a1e9c3b7d5f20864c2a4e6081b3d5f7092e4c6a8b0d2f416", "hex");

function aadFor(sheet) {
  return Buffer.from(`${sheet.examId}:${sheet.candidateId}`);
}

function sealAnswerSheet(sheet) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", SHEET_KEY, iv);
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
  const decipher = crypto.createDecipheriv("aes-256-gcm", SHEET_KEY, Buffer.from(sealed.iv, "base64"));
  decipher.setAAD(aadFor(sealed));
  decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
  const plain = Buffer.concat([decipher.update(Buffer.from(sealed.body, "base64")), decipher.final()]);
  return { examId: sealed.examId, candidateId: sealed.candidateId, answers: JSON.parse(plain.toString("utf8")) };
}

module.exports = { sealAnswerSheet, openAnswerSheet };
