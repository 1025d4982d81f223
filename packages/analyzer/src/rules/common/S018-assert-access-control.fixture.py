def delete_user(current_user, user_id, count):
    # ruleid: S018
    assert current_user.is_admin, "admins only"
    # ok: S018
    assert count >= 0
    return user_id


def refund_approver(user, refund, refund_id):
    # ruleid: S018
    assert "refunds:approve" in user.scopes, "missing refunds:approve scope"
    # ruleid: S018
    assert user.groups.filter(name="finance").exists()
    # ok: S018
    assert refund.id == refund_id
    # ok: S018
    assert refund.scope_note is not None
    return user
