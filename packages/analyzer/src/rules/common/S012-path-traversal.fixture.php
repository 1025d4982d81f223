<?php
// ruleid: S012
include $_GET['page'] . '.php';
// ok: S012
include 'header.php';
