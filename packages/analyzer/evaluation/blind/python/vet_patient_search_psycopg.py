# expect: S003
import os
from typing import Optional

from fastapi import APIRouter, Query
from psycopg2.extras import RealDictCursor
from psycopg2.pool import SimpleConnectionPool

_pool = SimpleConnectionPool(1, 5, dsn=os.environ["VET_DB_DSN"])
router = APIRouter()


class PatientRepository:
    def __init__(self, pool=_pool):
        self._pool = pool

    def _query(self, sql, params):
        conn = self._pool.getconn()
        try:
            with conn.cursor(cursor_factory=RealDictCursor) as cur:
                cur.execute(sql, params)
                return cur.fetchall()
        finally:
            self._pool.putconn(conn)

    def search(self, clinic_id, owner_surname, species=None):
        sql = (
            "SELECT p.id, p.name, p.species, p.breed, o.surname AS owner "
            "FROM patients p JOIN owners o ON o.id = p.owner_id "
            "WHERE p.clinic_id = %s AND o.surname ILIKE '" + owner_surname + "%%'"
        )
        params = [clinic_id]
        if species:
            sql += " AND p.species = %s"
            params.append(species)
        return self._query(sql + " ORDER BY o.surname, p.name LIMIT 50", params)


@router.get("/clinics/{clinic_id}/patients")
def search_patients(
    clinic_id: int,
    owner: str = Query(..., min_length=2),
    species: Optional[str] = None,
):
    return PatientRepository().search(clinic_id, owner, species)
