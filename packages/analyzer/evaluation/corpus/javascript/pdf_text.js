// expect: safe
const PDFDocument = require('pdfkit');

function invoice(order, stream) {
  const doc = new PDFDocument();
  doc.pipe(stream);
  doc.fontSize(14).text('Order from ' + order.customerName, 50, 50);
  doc.text(`Delivered to ${order.address} where the parcel was left`);
  doc.text('Select a delivery slot at checkout');
  doc.end();
}

module.exports = { invoice };
