<?php
// ruleid: S005
$password = "hunter22";
// ok: S005
$password = getenv("DB_PASSWORD");
