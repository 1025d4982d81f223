from flask import request
from lxml import etree


def find_user(tree):
    name = request.args.get("name")
    # ruleid: S031
    users = tree.xpath("//user[@name='%s']" % name)
    # ruleid: S031
    finder = etree.XPath(f"//account[@id='{request.args['id']}']")
    # ruleid: S031
    emails = tree.xpath("//user[@name='" + name + "']/email/text()")
    # ok: S031
    safe = tree.xpath("//user[@name=$name]", name=name)
    # ok: S031
    every = etree.XPath("//user")
    return users, finder, emails, safe, every


def by_role(tree, role):
    # ruleid: S031
    return tree.xpath("//user[@role='{}']".format(role))
