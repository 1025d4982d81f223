<?php
// ruleid: S005
$password = "hunter22";
// ok: S005
$password = getenv("DB_PASSWORD");
// ruleid: S005
define("DB_PASSWORD", "s3cret99");
// ok: S005
define("DB_HOST", "db.internal");
