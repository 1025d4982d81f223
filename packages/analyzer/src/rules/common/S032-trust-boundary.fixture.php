<?php
session_start();
// ruleid: S032
$_SESSION['user'] = $_POST['user'];
// ok: S032
$_SESSION['visits'] = ($_SESSION['visits'] ?? 0) + 1;
// ok: S032
$_SESSION['page'] = intval($_GET['page']);
