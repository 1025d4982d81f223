# expect: S018
def drop_table(user, table):
    assert user.is_superuser
    table.drop()
