global using AngleSharp.Dom;
global using AngleSharp.Html.Dom;
global using Portfolio.Tests.Harness;
