<?php
// ruleid: S015
$doc = simplexml_load_string($xml, 'SimpleXMLElement', LIBXML_NOENT);
// ok: S015
$doc2 = simplexml_load_string($xml);
