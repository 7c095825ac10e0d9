using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeNode.Core.Manifests;

namespace EdgeNode.Kube.Config;

/// <summary>
/// Reads a kubeconfig and resolves its current context into a <see cref="KubeConnection"/>. Every problem
/// is a <see cref="KubeconfigException"/> whose message is one sentence naming the file, the cause and the fix.
/// </summary>
public static class KubeconfigLoader
{
    public const string EnvironmentVariable = "KUBECONFIG";

    private static readonly string[] PrivateKeyLabels = ["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

    /// <summary>Loads the kubeconfig chosen by <see cref="ResolvePath"/> from <paramref name="explicitPath"/> and the <c>KUBECONFIG</c> variable.</summary>
    public static KubeConnection Load(string? explicitPath) =>
        LoadFile(ResolvePath(explicitPath, Environment.GetEnvironmentVariable(EnvironmentVariable)));

    /// <summary>
    /// The kubeconfig to use: <paramref name="explicitPath"/> (<c>--kubeconfig</c>) when given, else the first
    /// existing file of <paramref name="kubeconfigVariable"/> (<c>KUBECONFIG</c>, colon-separated).
    /// </summary>
    /// <remarks>
    /// kubectl merges every file listed in KUBECONFIG; EdgeNode does not merge several files: the first one
    /// that exists must hold the whole configuration (cluster, context and user). Like the kubelet, there is no
    /// fallback to <c>~/.kube/config</c>.
    /// </remarks>
    public static string ResolvePath(string? explicitPath, string? kubeconfigVariable)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        if (string.IsNullOrWhiteSpace(kubeconfigVariable))
        {
            throw new KubeconfigException(null,
                "No kubeconfig was given: pass --kubeconfig with the path of the node's kubeconfig, or set KUBECONFIG.");
        }

        var candidates = kubeconfigVariable.Split(':', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new KubeconfigException(null,
            $"None of the files in KUBECONFIG ({string.Join(", ", candidates)}) exists: " +
            "point KUBECONFIG or --kubeconfig at the node's kubeconfig.");
    }

    /// <summary>Reads and resolves the kubeconfig at <paramref name="path"/>.</summary>
    public static KubeConnection LoadFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new KubeconfigException(fullPath,
                $"The kubeconfig {fullPath} does not exist: pass the path of an existing kubeconfig with --kubeconfig or KUBECONFIG.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KubeconfigException(fullPath,
                $"The kubeconfig {fullPath} cannot be read ({e.Message}): make it readable by the user EdgeNode runs as.", e);
        }

        return Parse(text, fullPath);
    }

    /// <summary>
    /// Resolves kubeconfig <paramref name="text"/>; <paramref name="path"/> names it in messages and is the
    /// base of relative file references (which are relative to the kubeconfig's folder).
    /// </summary>
    public static KubeConnection Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var file = Deserialize(text, path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";

        var contextName = file.CurrentContext;
        if (string.IsNullOrWhiteSpace(contextName))
        {
            throw new KubeconfigException(path,
                $"The kubeconfig {path} has no current-context: set one with `kubectl config use-context <name> --kubeconfig {path}`.");
        }

        var context = Named(file.Contexts?.Find(c => c.Name == contextName), c => c.Context)
            ?? throw new KubeconfigException(path,
                $"The kubeconfig {path} names current-context '{contextName}', but it defines no context with that name " +
                $"({Known(file.Contexts?.Select(c => c.Name))}): fix current-context or add the context.");

        if (string.IsNullOrWhiteSpace(context.Cluster))
        {
            throw new KubeconfigException(path,
                $"Context '{contextName}' in the kubeconfig {path} names no cluster: set the context's cluster.");
        }

        var cluster = Named(file.Clusters?.Find(c => c.Name == context.Cluster), c => c.Cluster)
            ?? throw new KubeconfigException(path,
                $"Context '{contextName}' in the kubeconfig {path} uses cluster '{context.Cluster}', which the file does not define " +
                $"({Known(file.Clusters?.Select(c => c.Name))}): add the cluster or fix the context.");

        KubeconfigUser? user = null;
        if (!string.IsNullOrWhiteSpace(context.User))
        {
            user = Named(file.Users?.Find(u => u.Name == context.User), u => u.User)
                ?? throw new KubeconfigException(path,
                    $"Context '{contextName}' in the kubeconfig {path} uses user '{context.User}', which the file does not define " +
                    $"({Known(file.Users?.Select(u => u.Name))}): add the user or fix the context.");
        }

        var clusterOwner = $"Cluster '{context.Cluster}' in the kubeconfig {path}";
        var server = ReadServer(cluster, clusterOwner, path);
        var authorities = ReadCertificateAuthorities(cluster, clusterOwner, folder, path);
        var insecure = cluster.InsecureSkipTlsVerify == true;
        if (insecure && authorities is not null)
        {
            throw new KubeconfigException(path,
                $"{clusterOwner} sets both insecure-skip-tls-verify and a certificate authority: remove one of them (kubectl refuses this too).");
        }

        var userOwner = string.IsNullOrWhiteSpace(context.User)
            ? $"Context '{contextName}' in the kubeconfig {path}"
            : $"User '{context.User}' in the kubeconfig {path}";
        var (certificate, chain) = ReadClientCertificate(user, userOwner, folder, path);
        var (token, tokenFile) = ReadToken(user, userOwner, folder, path);

        if (certificate is null && token is null)
        {
            var reason =
                user?.Exec is not null ? "uses an exec credential plugin, which EdgeNode does not support"
                : user?.AuthProvider is not null ? "uses an auth-provider plugin, which EdgeNode does not support"
                : !string.IsNullOrEmpty(user?.Username) ? "uses a username and password, which EdgeNode does not support"
                : user is null ? "names no user, so EdgeNode has no credentials"
                : "has no credentials";
            throw new KubeconfigException(path,
                $"{userOwner} {reason}: give it client-certificate and client-key (or their -data forms), or a token or tokenFile.");
        }

        return new KubeConnection
        {
            Server = server,
            CertificateAuthorities = authorities,
            ClientCertificate = certificate,
            ClientCertificateChain = chain,
            BearerToken = token,
            TokenFile = tokenFile,
            InsecureSkipTlsVerify = insecure,
            TlsServerName = string.IsNullOrWhiteSpace(cluster.TlsServerName) ? null : cluster.TlsServerName,
            Namespace = string.IsNullOrWhiteSpace(context.Namespace) ? null : context.Namespace,
            Source = path,
            ContextName = contextName,
        };
    }

    private static KubeconfigFile Deserialize(string text, string path)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJson.Parse(text);
        }
        catch (YamlJsonException e)
        {
            throw new KubeconfigException(path,
                $"The kubeconfig {path} is not valid YAML ({e.Message}): fix the file, e.g. regenerate it with `kubectl config view --raw --minify`.", e);
        }

        var root = documents.FirstOrDefault(d => d is not null);
        if (root is null)
        {
            throw new KubeconfigException(path,
                $"The kubeconfig {path} is empty: write the node's kubeconfig there (clusters, contexts, users and current-context).");
        }

        if (root is not JsonObject)
        {
            throw new KubeconfigException(path,
                $"The kubeconfig {path} is not a kubeconfig (its top level is not a mapping): write a kubeconfig with clusters, contexts, users and current-context.");
        }

        try
        {
            return root.Deserialize(KubeconfigJsonContext.Default.KubeconfigFile)
                ?? throw new JsonException("the document is null");
        }
        catch (JsonException e)
        {
            var at = string.IsNullOrEmpty(e.Path) ? "" : $" at {e.Path.TrimStart('$').TrimStart('.')}";
            throw new KubeconfigException(path,
                $"The kubeconfig {path} has a field of the wrong type{at}: compare it with a kubeconfig written by kubectl " +
                "(clusters, contexts and users are lists of {name, cluster|context|user}).", e);
        }
    }

    private static Uri ReadServer(KubeconfigCluster cluster, string owner, string path)
    {
        if (string.IsNullOrWhiteSpace(cluster.Server))
        {
            throw new KubeconfigException(path, $"{owner} has no server: set server to the API server's https:// URL.");
        }

        if (!Uri.TryCreate(cluster.Server.Trim(), UriKind.Absolute, out var server) || string.IsNullOrEmpty(server.Host))
        {
            throw new KubeconfigException(path,
                $"{owner} has server '{cluster.Server}', which is not a URL: set server to the API server's https:// URL, e.g. https://192.168.1.10:6443.");
        }

        if (server.Scheme != Uri.UriSchemeHttps)
        {
            throw new KubeconfigException(path,
                $"{owner} has server '{cluster.Server}', which is not an https:// URL: EdgeNode talks to the API server over TLS only, so use its https:// address.");
        }

        return server;
    }

    private static X509Certificate2Collection? ReadCertificateAuthorities(KubeconfigCluster cluster, string owner, string folder, string path)
    {
        var material = ReadMaterial(cluster.CertificateAuthority, cluster.CertificateAuthorityData,
            "certificate-authority", "certificate-authority-data", owner, folder, path);
        if (material is null)
        {
            return null;
        }

        var (pem, from) = material.Value;
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException(path,
                $"{owner} has a {from} that is not a valid PEM certificate ({e.Message}): use the cluster's CA certificate " +
                "(for k3s /var/lib/rancher/k3s/server/tls/server-ca.crt, for kubeadm /etc/kubernetes/pki/ca.crt).", e);
        }

        if (authorities.Count == 0)
        {
            throw new KubeconfigException(path,
                $"{owner} has a {from} that contains no PEM certificate (-----BEGIN CERTIFICATE-----): use the cluster's CA certificate " +
                "(for k3s /var/lib/rancher/k3s/server/tls/server-ca.crt, for kubeadm /etc/kubernetes/pki/ca.crt).");
        }

        return authorities;
    }

    private static (X509Certificate2? Certificate, X509Certificate2Collection? Chain) ReadClientCertificate(
        KubeconfigUser? user, string owner, string folder, string path)
    {
        if (user is null)
        {
            return (null, null);
        }

        var certificateMaterial = ReadMaterial(user.ClientCertificate, user.ClientCertificateData,
            "client-certificate", "client-certificate-data", owner, folder, path);
        var keyMaterial = ReadMaterial(user.ClientKey, user.ClientKeyData, "client-key", "client-key-data", owner, folder, path);
        if (certificateMaterial is null && keyMaterial is null)
        {
            return (null, null);
        }

        if (certificateMaterial is null)
        {
            throw new KubeconfigException(path,
                $"{owner} has a client key but no client certificate: add client-certificate or client-certificate-data.");
        }

        if (keyMaterial is null)
        {
            throw new KubeconfigException(path,
                $"{owner} has a client certificate but no client key: add client-key or client-key-data.");
        }

        var (certificatePem, certificateFrom) = certificateMaterial.Value;
        var (keyPem, keyFrom) = keyMaterial.Value;

        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(certificatePem);
        }
        catch (CryptographicException e)
        {
            throw new KubeconfigException(path,
                $"{owner} has a {certificateFrom} that is not a valid PEM certificate ({e.Message}): use the node's client certificate in PEM form.", e);
        }

        if (certificates.Count == 0)
        {
            throw new KubeconfigException(path,
                $"{owner} has a {certificateFrom} that contains no PEM certificate (-----BEGIN CERTIFICATE-----): use the node's client certificate in PEM form.");
        }

        if (!ContainsPrivateKey(keyPem))
        {
            throw new KubeconfigException(path,
                $"{owner} has a {keyFrom} that contains no PEM private key (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY): use the key that belongs to the client certificate.");
        }

        var leaf = certificates[0];
        X509Certificate2 withKey;
        try
        {
            withKey = X509Certificate2.CreateFromPem(leaf.ExportCertificatePem(), keyPem);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // ArgumentException: the key parses but does not match the certificate's public key.
            var problem = KeyParses(keyPem)
                ? "does not belong to the client certificate"
                : $"is not a valid private key ({e.Message})";
            throw new KubeconfigException(path,
                $"{owner} has a {keyFrom} that {problem}: use the key the client certificate ({leaf.Subject}) was issued for.", e);
        }

        // SslStream on Linux is happiest with a key that went through a PKCS#12 round trip (a persisted key
        // rather than an ephemeral one); it costs a millisecond once.
        X509Certificate2 usable;
        using (withKey)
        {
            usable = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
        }

        X509Certificate2Collection? chain = null;
        if (certificates.Count > 1)
        {
            chain = [];
            for (var i = 1; i < certificates.Count; i++)
            {
                chain.Add(certificates[i]);
            }
        }

        leaf.Dispose();
        return (usable, chain);
    }

    private static (string? Token, string? TokenFile) ReadToken(KubeconfigUser? user, string owner, string folder, string path)
    {
        if (user is null)
        {
            return (null, null);
        }

        if (!string.IsNullOrWhiteSpace(user.TokenFile))
        {
            var tokenFile = Resolve(folder, user.TokenFile);
            string token;
            try
            {
                token = File.ReadAllText(tokenFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new KubeconfigException(path,
                    $"{owner} names tokenFile {tokenFile}, which cannot be read ({e.Message}): fix the path or put the token in token.", e);
            }

            if (token.Length == 0)
            {
                throw new KubeconfigException(path,
                    $"{owner} names tokenFile {tokenFile}, which is empty: write the bearer token into it.");
            }

            return (token, tokenFile);
        }

        return string.IsNullOrWhiteSpace(user.Token) ? (null, null) : (user.Token.Trim(), null);
    }

    /// <summary>The PEM text of a <c>x</c>/<c>x-data</c> pair and a description of where it came from, or null when neither is set.</summary>
    private static (string Pem, string From)? ReadMaterial(
        string? file, string? data, string fileField, string dataField, string owner, string folder, string path)
    {
        var hasFile = !string.IsNullOrWhiteSpace(file);
        var hasData = !string.IsNullOrWhiteSpace(data);
        if (hasFile && hasData)
        {
            throw new KubeconfigException(path, $"{owner} sets both {fileField} and {dataField}: keep only one of them.");
        }

        if (hasData)
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(data!.Trim());
            }
            catch (FormatException e)
            {
                throw new KubeconfigException(path,
                    $"{owner} has a {dataField} that is not valid base64: put the base64 encoding of the PEM file there (base64 -w0 < file.pem).", e);
            }

            return (Encoding.UTF8.GetString(bytes), dataField);
        }

        if (hasFile)
        {
            var fullPath = Resolve(folder, file!);
            try
            {
                return (File.ReadAllText(fullPath), $"{fileField} {fullPath}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new KubeconfigException(path,
                    $"{owner} names {fileField} {fullPath}, which cannot be read ({e.Message}): fix the path or embed the PEM with {dataField}.", e);
            }
        }

        return null;
    }

    private static string Resolve(string folder, string file) => Path.GetFullPath(Path.Combine(folder, file.Trim()));

    private static bool ContainsPrivateKey(string pem)
    {
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            foreach (var known in PrivateKeyLabels)
            {
                if (label.SequenceEqual(known))
                {
                    return true;
                }
            }

            rest = rest[fields.Location.End..];
        }

        return false;
    }

    private static bool KeyParses(string pem)
    {
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
        }

        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportFromPem(pem);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The body of a named entry; an entry whose body is empty (<c>user:</c> with nothing under it) counts as present.</summary>
    private static TBody? Named<TEntry, TBody>(TEntry? entry, Func<TEntry, TBody?> body)
        where TEntry : class
        where TBody : class, new() =>
        entry is null ? null : body(entry) ?? new TBody();

    private static string Known(IEnumerable<string?>? names)
    {
        var list = names?.Where(n => !string.IsNullOrEmpty(n)).ToList() ?? [];
        return list.Count == 0 ? "it defines none" : $"it defines {string.Join(", ", list.Select(n => $"'{n}'"))}";
    }
}
