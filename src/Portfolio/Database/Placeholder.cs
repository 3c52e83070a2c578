namespace Portfolio.Database;
