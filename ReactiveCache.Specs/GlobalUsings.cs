global using System.Reactive.Concurrency;
global using System.Reactive.Linq;
