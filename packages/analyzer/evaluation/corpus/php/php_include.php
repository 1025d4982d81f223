// expect: S012
<?php
require_once "pages/" . $_GET['page'];
