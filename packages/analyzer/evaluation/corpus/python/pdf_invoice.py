# expect: safe
from fpdf import FPDF


def invoice(order):
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.text(10, 20, "Order from " + order.customer_name)
    pdf.text(10, 30, f"Deliver to {order.address} where the parcel is left")
    pdf.text(10, 40, "Select a delivery slot at checkout")
    return pdf.output()
