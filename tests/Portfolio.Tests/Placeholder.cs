namespace Portfolio.Tests;
