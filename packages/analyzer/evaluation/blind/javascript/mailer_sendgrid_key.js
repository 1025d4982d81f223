// expect: S005
const sgMail = require("@sendgrid/mail");

const SENDGRID_API_KEY = "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";
const FROM = process.env.MAIL_FROM || "no-reply@example.com";

sgMail.setApiKey(SENDGRID_API_KEY);

async function sendReceipt(to, order) {
  const lines = order.items.map((i) => `${i.qty} x ${i.name}: ${i.price.toFixed(2)}`);
  await sgMail.send({
    to,
    from: FROM,
    subject: `Receipt for order #${order.id}`,
    text: lines.join("\n") + `\nTotal: ${order.total.toFixed(2)}`,
  });
}

module.exports = { sendReceipt };
