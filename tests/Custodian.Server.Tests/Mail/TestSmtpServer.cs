using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Custodian.Server.Tests.Mail;

/// <summary>How the test's mail server behaves towards the next connection.</summary>
public enum SmtpBehaviour
{
    Accept,
    /// <summary>Takes the message, then answers 554 to it.</summary>
    Refuse,
    /// <summary>Accepts the connection and never says a word.</summary>
    Silent,
    /// <summary>Accepts the connection and closes it at once.</summary>
    Closed,
}

/// <summary>
/// A real SMTP server (the SmtpServer package) on loopback behind a front port that the test steers: it forwards to the
/// server, holds connections silent, or drops them, so one address can refuse, time out and come back.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _front = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _open = [];
    private readonly int _innerPort;
    private readonly Task _server;
    private readonly Task _accepting;

    public TestSmtpServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        _innerPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, _innerPort))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        _front.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_front.LocalEndpoint).Port;

    public SmtpBehaviour Behaviour { get; set; } = SmtpBehaviour.Accept;

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>The messages received for <paramref name="address"/>.</summary>
    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Received.Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase)))];

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var inbound = await _front.AcceptTcpClientAsync(_stop.Token);
                _open.Add(inbound);
                switch (Behaviour)
                {
                    case SmtpBehaviour.Silent:
                        break;
                    case SmtpBehaviour.Closed:
                        inbound.Client.LingerState = new LingerOption(true, 0);
                        inbound.Close();
                        break;
                    default:
                        var outbound = new TcpClient();
                        await outbound.ConnectAsync(IPAddress.Loopback, _innerPort, _stop.Token);
                        _open.Add(outbound);
                        _ = PumpAsync(inbound, outbound);
                        _ = PumpAsync(outbound, inbound);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // One side went away.
        }
        finally
        {
            to.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _front.Stop();
        foreach (var client in _open)
        {
            client.Dispose();
        }

        await Task.WhenAll(_accepting.ContinueWith(_ => { }, TaskScheduler.Default), _server.ContinueWith(_ => { }, TaskScheduler.Default));
        _stop.Dispose();
    }

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (owner.Behaviour == SmtpBehaviour.Refuse)
            {
                return new SmtpResponse(SmtpReplyCode.TransactionFailed, "refused by the test");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            owner.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
