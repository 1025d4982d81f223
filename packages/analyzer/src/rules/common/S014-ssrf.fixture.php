<?php
// ruleid: S014
$ch = curl_init($_GET['url']);
// ok: S014
$ok = curl_init('https://status.example.com/health');
