# shellcheck shell=bash
# PKI and kubeconfig helpers for scripts/control-plane, made with plain openssl. Source it:
#   . "$repo/scripts/lib/k8s-pki.sh"
# Provides (PKI directory first; nothing is regenerated when its files exist):
#   pki_ca PKI                      ca.crt / ca.key (RSA 2048, 10 years)
#   pki_cert PKI NAME SUBJECT EKU [SAN]
#                                   NAME.crt / NAME.key signed by the CA; EKU is serverAuth or
#                                   clientAuth; SAN like "IP:127.0.0.1,DNS:localhost"
#   pki_sa_keys PKI                 sa.key / sa.pub (service-account token signing key pair)
#   write_kubeconfig FILE SERVER PKI USER NAME
#                                   a kubeconfig for client cert NAME.crt/NAME.key with the CA,
#                                   the client certificate and the key embedded as data
# Keys are PKCS#1 ("RSA PRIVATE KEY", as kubeadm writes them) so every client library reads them.

pki_key() {
  local key=$1
  [ -s "$key" ] && return 0
  (umask 077 && openssl genrsa -traditional -out "$key.tmp" 2048 2>/dev/null)
  mv "$key.tmp" "$key"
}

pki_ca() {
  local pki=$1
  [ -s "$pki/ca.crt" ] && [ -s "$pki/ca.key" ] && return 0
  mkdir -p "$pki"
  pki_key "$pki/ca.key"
  openssl req -x509 -new -sha256 -days 3650 -key "$pki/ca.key" -subj "/CN=edgenode-kubernetes-ca" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign" \
    -out "$pki/ca.crt.tmp" 2>/dev/null
  mv "$pki/ca.crt.tmp" "$pki/ca.crt"
}

pki_cert() {
  local pki=$1 name=$2 subject=$3 eku=$4 san=${5:-}
  [ -s "$pki/$name.crt" ] && [ -s "$pki/$name.key" ] && return 0
  pki_key "$pki/$name.key"
  local ext="$pki/$name.ext"
  {
    echo "basicConstraints=critical,CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    echo "extendedKeyUsage=$eku"
    [ -z "$san" ] || echo "subjectAltName=$san"
  } >"$ext"
  openssl req -new -key "$pki/$name.key" -subj "$subject" 2>/dev/null |
    openssl x509 -req -sha256 -days 3650 -CA "$pki/ca.crt" -CAkey "$pki/ca.key" \
      -set_serial "0x$(openssl rand -hex 15)" -extfile "$ext" -out "$pki/$name.crt.tmp" 2>/dev/null
  rm -f "$ext"
  mv "$pki/$name.crt.tmp" "$pki/$name.crt"
}

pki_sa_keys() {
  local pki=$1
  [ -s "$pki/sa.key" ] && [ -s "$pki/sa.pub" ] && return 0
  pki_key "$pki/sa.key"
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
}

write_kubeconfig() {
  local file=$1 server=$2 pki=$3 user=$4 name=$5
  local ca crt key
  ca=$(base64 -w0 <"$pki/ca.crt")
  crt=$(base64 -w0 <"$pki/$name.crt")
  key=$(base64 -w0 <"$pki/$name.key")
  (umask 077 && cat >"$file.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: edgenode
  cluster:
    server: $server
    certificate-authority-data: $ca
users:
- name: $user
  user:
    client-certificate-data: $crt
    client-key-data: $key
contexts:
- name: $user@edgenode
  context:
    cluster: edgenode
    user: $user
current-context: $user@edgenode
EOF
  )
  mv "$file.tmp" "$file"
}
