# expect: S009
import requests

def fetch_invoice(url):
    return requests.get(url, verify=False, timeout=10).json()
