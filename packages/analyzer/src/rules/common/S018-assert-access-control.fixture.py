def delete_user(current_user, user_id, count):
    # ruleid: S018
    assert current_user.is_admin, "admins only"
    # ok: S018
    assert count >= 0
    return user_id
