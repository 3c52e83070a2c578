global using Portfolio.Tests.Harness;
