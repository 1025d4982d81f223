<?php
// ruleid: S003
mysqli_query($conn, "SELECT * FROM users WHERE id = $id");
// ok: S003
mysqli_query($conn, "SELECT * FROM users");
