namespace Portfolio.Migrations;
